/**
 * Commands of the report view: show a run's report, compare two runs. Records are read through
 * `vscode.workspace.fs` (load.ts), so both work in the web build; git's readable diffs are
 * Node-only (recordDiffs.ts).
 */
import * as vscode from 'vscode';
import { RECORD_EXTENSION } from '../../../core/records/events';
import { compareRuns } from '../../../core/records/reportCompare';
import type { ChecklistController } from '../checklist/controller';
import { exportComparison } from './exportCompare';
import { comparePageHtml, nonce } from './html';
import { loadReport, readRecordAt, viewTimeZone } from './load';
import { onPageMessage, REPORT_VIEW_TYPE, reportWebviewOptions } from './reportEditor';

export interface ReportContext {
  extensionUri: vscode.Uri;
  controller: ChecklistController;
  /** After a report was opened (Node offers readable record diffs in git). */
  onShown?(record: vscode.Uri): void;
}

function isRecord(uri: vscode.Uri): boolean {
  return uri.path.endsWith(RECORD_EXTENSION);
}

/** A record named by the argument: a URI, a record id (the Runbooks tree's), or a tree node holding one. */
function recordArg(arg: unknown, c: ReportContext): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return isRecord(arg) ? arg : undefined;
  if (typeof arg === 'string') return arg.endsWith(RECORD_EXTENSION) ? c.controller.recordUri(arg) : undefined;
  if (arg && typeof arg === 'object' && 'file' in arg) return recordArg((arg as { file: unknown }).file, c);
  return undefined;
}

function runbookUri(arg: unknown, c: ReportContext): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri && /\.runbook\.ya?ml$/.test(arg.path)) return arg;
  if (arg && typeof arg === 'object' && 'uri' in arg && (arg as { uri: unknown }).uri instanceof vscode.Uri)
    return (arg as { uri: vscode.Uri }).uri;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'runbook') return doc.uri;
  return c.controller.lastPage?.runbook;
}

function folderOf(uri: vscode.Uri): string {
  return vscode.Uri.joinPath(uri, '..').toString();
}

async function pickRecord(title: string, except?: vscode.Uri, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(`**/*${RECORD_EXTENSION}`, '**/{node_modules,.git,out}/**');
  const files = found.filter((u) => u.toString() !== except?.toString());
  // Runs of the same runbook (same folder) first, newest first: the usual comparison.
  files.sort((a, b) => {
    const sameA = near && folderOf(a) === folderOf(near) ? 0 : 1;
    const sameB = near && folderOf(b) === folderOf(near) ? 0 : 1;
    return sameA - sameB || (a.path < b.path ? 1 : -1);
  });
  if (!files.length) {
    void vscode.window.showInformationMessage('No run record (*.runbook-run) in this workspace.');
    return undefined;
  }
  const items = await Promise.all(
    files.map(async (file) => {
      const r = (await readRecordAt(file).catch(() => undefined))?.state.start;
      return {
        label: vscode.workspace.asRelativePath(file),
        description: r ? `${r.rehearsal ? 'rehearsal' : 'real run'} started ${r.at} by ${r.by}` : 'cannot be read',
        file,
      };
    }),
  );
  return (await vscode.window.showQuickPick(items, { title }))?.file;
}

/** The record a "show report" means: the argument, else the current run of the runbook at hand, else a pick. */
async function targetRecord(c: ReportContext, arg: unknown): Promise<vscode.Uri | undefined> {
  const direct = recordArg(arg, c);
  if (direct) return direct;
  const runbook = runbookUri(arg, c);
  const current = runbook ? c.controller.currentRecord(runbook) : undefined;
  if (current) return c.controller.recordUri(current);
  const runs = runbook
    ? await c.controller.library.storage.list(runbook, c.controller.library.runsFolder(runbook))
    : [];
  if (runs.length) return c.controller.recordUri(runs[runs.length - 1]);
  return pickRecord('Which run?');
}

export function reportCommands(c: ReportContext): Record<string, (...args: unknown[]) => unknown> {
  return {
    'runbook.showRunReport': async (arg) => {
      const file = await targetRecord(c, arg);
      if (!file) return;
      await vscode.commands.executeCommand('vscode.openWith', file, REPORT_VIEW_TYPE);
      c.onShown?.(file);
    },
    'runbook.compareRuns': async (arg, second) => {
      const a = recordArg(arg, c) ?? (await pickRecord('Compare runs: the first run'));
      if (!a) return;
      const b = recordArg(second, c) ?? (await pickRecord('Compare runs: the run to put beside it', a, a));
      if (!b) return;
      const [ra, rb] = await Promise.all([loadReport(a, c.controller), loadReport(b, c.controller)]);
      if (!ra.ok || !rb.ok) {
        const bad = !ra.ok ? a : b;
        void vscode.window.showErrorMessage(
          `${vscode.workspace.asRelativePath(bad)} cannot be read; open it as text to see why.`,
        );
        return;
      }
      // Oldest on the left: "this quarter's rehearsal against the last one".
      const [first, second2] =
        ra.report.startedAt <= rb.report.startedAt ? [ra.report, rb.report] : [rb.report, ra.report];
      const panel = vscode.window.createWebviewPanel(
        'runbook.compareRuns',
        'Runs compared',
        vscode.ViewColumn.Active,
        reportWebviewOptions(c.extensionUri),
      );
      const comparison = compareRuns(first, second2);
      panel.webview.html = comparePageHtml(
        {
          nonce: nonce(),
          scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(c.extensionUri, 'out', 'reportView.js')).toString(),
          timeZone: viewTimeZone(),
        },
        comparison,
      );
      panel.webview.onDidReceiveMessage((m) =>
        (m as { type?: unknown })?.type === 'exportHtml'
          ? exportComparison(comparison, a, b)
          : onPageMessage(m, a, c.controller),
      );
    },
  };
}
