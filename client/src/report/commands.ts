/** Commands of the report view: show a run's report, compare two runs, set up readable record diffs in git. */
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { RECORD_EXTENSION } from '../../../core/records/events';
import { compareRuns } from '../../../core/records/reportCompare';
import { gitTopLevel } from '../../../node/recordFiles';
import {
  addDiffAttribute,
  DIFF_ATTRIBUTE_LINE,
  diffDriverStatus,
  setTextconv,
  TEXTCONV_KEY,
} from '../../../node/gitDiffDriver';
import type { ChecklistController } from '../checklist/controller';
import { exportComparison } from './exportCompare';
import { comparePageHtml, nonce } from './html';
import { loadReport, viewTimeZone } from './load';
import { onPageMessage, REPORT_VIEW_TYPE, reportWebviewOptions } from './reportEditor';

export interface ReportContext {
  extensionUri: vscode.Uri;
  controller: ChecklistController;
}

function recordFile(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath.endsWith(RECORD_EXTENSION) ? arg.fsPath : undefined;
  if (typeof arg === 'string') return arg.endsWith(RECORD_EXTENSION) ? arg : undefined;
  if (arg && typeof arg === 'object' && 'file' in arg) return recordFile((arg as { file: unknown }).file);
  return undefined;
}

function runbookUri(arg: unknown, c: ReportContext): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri && /\.runbook\.ya?ml$/.test(arg.fsPath)) return arg;
  if (arg && typeof arg === 'object' && 'uri' in arg && (arg as { uri: unknown }).uri instanceof vscode.Uri)
    return (arg as { uri: vscode.Uri }).uri;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'runbook') return doc.uri;
  return c.controller.lastPage?.runbook;
}

async function pickRecord(
  c: ReportContext,
  title: string,
  except?: string,
  near?: string,
): Promise<string | undefined> {
  const found = await vscode.workspace.findFiles(`**/*${RECORD_EXTENSION}`, '**/{node_modules,.git,out}/**');
  const files = found.map((u) => u.fsPath).filter((f) => f !== except);
  // Runs of the same runbook (same folder) first, newest first: the usual comparison.
  files.sort((a, b) => {
    const sameA = near && dirname(a) === dirname(near) ? 0 : 1;
    const sameB = near && dirname(b) === dirname(near) ? 0 : 1;
    return sameA - sameB || (a < b ? 1 : -1);
  });
  if (!files.length) {
    void vscode.window.showInformationMessage('No run record (*.runbook-run) in this workspace.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    files.map((f) => {
      const r = c.controller.library.load(f)?.state.start;
      return {
        label: vscode.workspace.asRelativePath(f),
        description: r ? `${r.rehearsal ? 'rehearsal' : 'real run'} started ${r.at} by ${r.by}` : 'cannot be read',
        file: f,
      };
    }),
    { title },
  );
  return pick?.file;
}

/** The record a "show report" means: the argument, else the current run of the runbook at hand, else a pick. */
async function targetRecord(c: ReportContext, arg: unknown): Promise<string | undefined> {
  const direct = recordFile(arg);
  if (direct) return direct;
  const runbook = runbookUri(arg, c);
  const current = runbook ? c.controller.currentRecord(runbook) : undefined;
  if (current) return current;
  const runs = runbook ? c.controller.library.records(runbook) : [];
  if (runs.length) return runs[runs.length - 1];
  return pickRecord(c, 'Which run?');
}

let diffOfferMade = false;

/** Once per session, when a report is opened in a repository whose diffs of records are still JSON. */
export async function offerRecordDiffs(file: string): Promise<void> {
  if (diffOfferMade) return;
  const root = gitTopLevel(dirname(file));
  if (!root) return;
  const status = diffDriverStatus(root);
  if (status.attribute && status.textconv) return;
  diffOfferMade = true;
  const choice = await vscode.window.showInformationMessage(
    "git shows changes to run records as JSON. Show them as checklists instead (git diff, git log -p and the editor's diff)?",
    'Set Up…',
    'Not now',
  );
  if (choice === 'Set Up…') await vscode.commands.executeCommand('runbook.setupRecordDiffs', vscode.Uri.file(file));
}

/** git runs this on each side of a record diff: this extension's own CLI, with the `node` on the PATH. */
function textconvCommand(extensionUri: vscode.Uri): string {
  return `node "${join(extensionUri.fsPath, 'out', 'cli.js')}" report --format text`;
}

export function reportCommands(c: ReportContext): Record<string, (...args: unknown[]) => unknown> {
  return {
    'runbook.showRunReport': async (arg) => {
      const file = await targetRecord(c, arg);
      if (!file) return;
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), REPORT_VIEW_TYPE);
      void offerRecordDiffs(file);
    },
    'runbook.compareRuns': async (arg, second) => {
      const a = recordFile(arg) ?? (await pickRecord(c, 'Compare runs: the first run'));
      if (!a) return;
      const b = recordFile(second) ?? (await pickRecord(c, 'Compare runs: the run to put beside it', a, a));
      if (!b) return;
      const [ra, rb] = [loadReport(a, c.controller), loadReport(b, c.controller)];
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
          ? exportComparison(comparison, vscode.Uri.file(a), vscode.Uri.file(b))
          : onPageMessage(m, a, c.controller),
      );
    },
    'runbook.setupRecordDiffs': async (arg) => {
      const file = recordFile(arg);
      const folder = file ? dirname(file) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      const root = folder && gitTopLevel(folder);
      if (!root) {
        void vscode.window.showInformationMessage(
          'Readable record diffs need a git repository; this folder is not in one.',
        );
        return;
      }
      const command = textconvCommand(c.extensionUri);
      const choice = await vscode.window.showInformationMessage(
        'Show run records in git as checklists?',
        {
          modal: true,
          detail: `This adds the line\n  ${DIFF_ATTRIBUTE_LINE}\nto ${join(root, '.gitattributes')} (commit it), and runs\n  git config ${TEXTCONV_KEY} '${command}'\nin that repository (local to this clone; others run it once too, or use "runbook report --format text" if the runbook CLI is on their PATH).`,
        },
        'Set Up',
      );
      if (choice !== 'Set Up') return;
      try {
        const written = addDiffAttribute(root);
        setTextconv(root, command);
        void vscode.window.showInformationMessage(
          `Record diffs now read as checklists. Added "${DIFF_ATTRIBUTE_LINE}" to ${vscode.workspace.asRelativePath(written)}; commit it.`,
        );
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not set up record diffs: ${(e as Error).message}`);
      }
    },
  };
}
