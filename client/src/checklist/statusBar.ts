/** A status bar item for the active run: done/total and the time since it started. */
import * as vscode from 'vscode';
import type { ChecklistController } from './controller';
import { formatDuration } from '../../../core/records/report';
import { when } from '../../../core/records/time';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('runbook.activeRun', vscode.StatusBarAlignment.Left, 50);
  private readonly timer: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly controller: ChecklistController) {
    this.item.name = 'Runbook run';
    this.item.command = 'runbook.openChecklist';
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
    const end =
      run.loaded.state.finished && run.loaded.state.finishedAt ? Date.parse(run.loaded.state.finishedAt) : Date.now();
    const elapsed = formatDuration(end - Date.parse(start.at)).replace(/ \d+s$/, '');
    const icon = run.loaded.state.finished ? '$(pass)' : start.rehearsal ? '$(beaker)' : '$(checklist)';
    // The same counts as the checklist header (core/records/progress.ts): skipped is not done.
    const kind = start.rehearsal ? 'Rehearsal' : 'Run';
    this.item.text = `${icon} ${kind}: ${run.done}/${run.total} done · ${elapsed}`;
    this.item.tooltip = `${kind} of ${run.title}: ${run.done} of ${run.total} done, ${run.skipped} skipped, ${run.remaining} remaining; started ${when(start.at)} (${start.at}) by ${start.by}${run.loaded.state.finished ? '; finished' : ''}. Click to open the checklist.`;
    this.item.command = { command: 'runbook.openChecklist', title: 'Open Checklist', arguments: [run.runbook] };
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscriptions.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
