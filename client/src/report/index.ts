/**
 * Issue 12, "Reviewers": the run report as a read-only custom editor for `*.runbook-run`, its
 * commands (show, compare) and the "Show run report" lens, in the desktop and the web build alike.
 * extension.ts calls `registerReports(context, controller)` (with the Node-only extras: readable
 * record diffs in git, recordDiffs.ts) and nothing else.
 */
import * as vscode from 'vscode';
import type { ChecklistController } from '../checklist/controller';
import { RunReportLens } from './codeLens';
import { reportCommands } from './commands';
import { REPORT_VIEW_TYPE, RunReportEditor } from './reportEditor';

export interface ReportExtras {
  /** After a report was opened. */
  onShown?(record: vscode.Uri): void;
  /** Commands only this host has. */
  commands?: Record<string, (...args: unknown[]) => unknown>;
}

export function registerReports(
  context: vscode.ExtensionContext,
  controller: ChecklistController,
  extras: ReportExtras = {},
): void {
  const c = { extensionUri: context.extensionUri, controller, onShown: extras.onShown };
  const commands = { ...reportCommands(c), ...extras.commands };
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(
      REPORT_VIEW_TYPE,
      new RunReportEditor(context.extensionUri, controller),
      {
        webviewOptions: { retainContextWhenHidden: false },
        supportsMultipleEditorsPerDocument: true,
      },
    ),
    // Every scheme: the lens only shows where the storage finds records of the runbook.
    vscode.languages.registerCodeLensProvider({ language: 'runbook', scheme: '*' }, new RunReportLens(controller)),
    ...Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  );
}
