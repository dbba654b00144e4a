/**
 * Issue 12, "Reviewers": the run report as a read-only custom editor for `*.runbook-run`, its
 * commands (show, compare, set up readable diffs in git) and the "Show run report" lens.
 * extension.ts calls `registerReports(context, controller)` and nothing else.
 */
import * as vscode from 'vscode';
import type { ChecklistController } from '../checklist/controller';
import { RunReportLens } from './codeLens';
import { reportCommands } from './commands';
import { REPORT_VIEW_TYPE, RunReportEditor } from './reportEditor';

export function registerReports(context: vscode.ExtensionContext, controller: ChecklistController): void {
  const c = { extensionUri: context.extensionUri, controller };
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(
      REPORT_VIEW_TYPE,
      new RunReportEditor(context.extensionUri, controller),
      {
        webviewOptions: { retainContextWhenHidden: false },
        supportsMultipleEditorsPerDocument: true,
      },
    ),
    vscode.languages.registerCodeLensProvider({ language: 'runbook', scheme: 'file' }, new RunReportLens(controller)),
    ...Object.entries(reportCommands(c)).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  );
}
