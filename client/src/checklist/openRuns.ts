/**
 * The open runs of the whole workspace, for the run switcher and the status bar: the runbooks are
 * found once and again when files change (a search is slow); the records are read through the
 * library's cache on every question, so a tick shows at once.
 */
import * as vscode from 'vscode';
import type { ChecklistController } from './controller';
import { openRuns, type OpenRunEntry, type RecordFacts } from './switcher';

export class OpenRunIndex implements vscode.Disposable {
  private runbooks: vscode.Uri[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly controller: ChecklistController) {
    this.subscription = controller.library.onDidChange(() => this.scanSoon());
    this.scanSoon(0);
  }

  private scanSoon(ms = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.controller.library.runbooks().then(
        (found) => {
          this.runbooks = found;
          this.controller.refreshSoon();
        },
        () => undefined,
      );
    }, ms);
  }

  /** Every unfinished, readable run of the workspace's runbooks (and of runbooks shown outside it). */
  list(extra: readonly vscode.Uri[] = []): OpenRunEntry[] {
    const runbooks = new Map(this.runbooks.map((u) => [u.toString(), u]));
    for (const u of extra) runbooks.set(u.toString(), u);
    const facts: RecordFacts[] = [];
    for (const [key, uri] of runbooks) {
      const records = this.controller.library.records(uri);
      if (!records.length) continue;
      const planned = this.controller.plan(uri);
      for (const record of records) {
        const loaded = this.controller.library.load(record);
        facts.push({
          runbook: key,
          runbookPath: vscode.workspace.asRelativePath(uri, false),
          record,
          state: loaded?.state,
          unreadable: !loaded || loaded.problems.length > 0,
          title: planned?.plan.title,
          ids: planned ? [...planned.plan.byId.keys()] : undefined,
        });
      }
    }
    return openRuns(facts);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
