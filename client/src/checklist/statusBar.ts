/**
 * A status bar item while a run is open: which run, done/total as the header counts them, and the
 * time since it started. A click opens "Switch Run…" (every open run of the workspace).
 */
import * as vscode from 'vscode';
import type { ChecklistController } from './controller';
import { when } from '../../../core/records/time';
import { statusBarText } from './switcher';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('runbook.activeRun', vscode.StatusBarAlignment.Left, 50);
  private readonly timer: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly controller: ChecklistController) {
    this.item.name = 'Runbook run';
    this.item.command = 'runbook.switchRun';
    this.subscriptions = [
      controller.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    // Every 15 s like the checklist header, so the two never disagree by more than a tick.
    this.timer = setInterval(() => this.update(), 15_000);
    this.update();
  }

  update(): void {
    const run = this.controller.activeRun();
    if (!run) {
      this.item.hide();
      return;
    }
    const start = run.loaded.state.start!;
    const kind = start.rehearsal ? 'Rehearsal' : 'Run';
    // The same counts as the checklist header (core/records/progress.ts): skipped is not done.
    this.item.text = statusBarText({
      ...run,
      rehearsal: start.rehearsal,
      elapsedMs: Date.now() - Date.parse(start.at),
    });
    this.item.tooltip = `${kind} of ${run.title}: ${run.done} of ${run.total} done, ${run.skipped} skipped, ${run.remaining} remaining; started ${when(start.at)} (${start.at}) by ${start.by}. Click to switch between open runs.`;
    this.item.accessibilityInformation = {
      label: `${kind} of ${run.title}: ${run.done} of ${run.total} done, ${run.skipped} skipped`,
    };
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscriptions.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
