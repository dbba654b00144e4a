/**
 * "Show run report" above a runbook that has runs. The language server's lenses come from the pure
 * service; this one is the extension's own, because only the extension knows the record files.
 */
import * as vscode from 'vscode';
import type { ChecklistController } from '../checklist/controller';

export class RunReportLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly controller: ChecklistController) {
    controller.library.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const runs = this.controller.library.records(document.uri);
    if (!runs.length) return [];
    const text = document.getText();
    const title = /^title:/m.exec(text) ?? /^runbook:/m.exec(text);
    const line = title ? document.positionAt(title.index).line : 0;
    const range = new vscode.Range(line, 0, line, 0);
    const lenses = [
      new vscode.CodeLens(range, {
        title: 'Show run report',
        command: 'runbook.showRunReport',
        arguments: [document.uri],
      }),
    ];
    if (runs.length > 1)
      lenses.push(
        new vscode.CodeLens(range, {
          title: 'Compare the last two runs',
          command: 'runbook.compareRuns',
          arguments: [
            this.controller.recordUri(runs[runs.length - 2]),
            this.controller.recordUri(runs[runs.length - 1]),
          ],
        }),
      );
    return lenses;
  }
}
