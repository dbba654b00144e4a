/**
 * Readable record diffs in git (Node only: git and the repository's files on disk): the
 * "Set Up Readable Record Diffs" command and the offer made once per session when a report is
 * opened in a repository whose record diffs are still JSON. The web build has no git.
 */
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { RECORD_EXTENSION } from '../../../core/records/events';
import { gitTopLevel } from '../../../node/recordFiles';
import {
  addDiffAttribute,
  DIFF_ATTRIBUTE_LINE,
  diffDriverStatus,
  setTextconv,
  TEXTCONV_KEY,
} from '../../../node/gitDiffDriver';

let diffOfferMade = false;

function recordPath(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri)
    return arg.scheme === 'file' && arg.fsPath.endsWith(RECORD_EXTENSION) ? arg.fsPath : undefined;
  if (typeof arg === 'string') return arg.endsWith(RECORD_EXTENSION) ? arg : undefined;
  if (arg && typeof arg === 'object' && 'file' in arg) return recordPath((arg as { file: unknown }).file);
  return undefined;
}

/** Once per session, when a report is opened in a repository whose diffs of records are still JSON. */
export async function offerRecordDiffs(record: vscode.Uri): Promise<void> {
  if (diffOfferMade || record.scheme !== 'file') return;
  const root = gitTopLevel(dirname(record.fsPath));
  if (!root) return;
  const status = diffDriverStatus(root);
  if (status.attribute && status.textconv) return;
  diffOfferMade = true;
  const choice = await vscode.window.showInformationMessage(
    "git shows changes to run records as JSON. Show them as checklists instead (git diff, git log -p and the editor's diff)?",
    'Set Up…',
    'Not now',
  );
  if (choice === 'Set Up…') await vscode.commands.executeCommand('runbook.setupRecordDiffs', record);
}

/** git runs this on each side of a record diff: this extension's own CLI, with the `node` on the PATH. */
function textconvCommand(extensionUri: vscode.Uri): string {
  return `node "${join(extensionUri.fsPath, 'out', 'cli.js')}" report --format text`;
}

export function recordDiffCommands(extensionUri: vscode.Uri): Record<string, (...args: unknown[]) => unknown> {
  return {
    'runbook.setupRecordDiffs': async (arg) => {
      const file = recordPath(arg);
      const folder = file ? dirname(file) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      const root = folder && gitTopLevel(folder);
      if (!root) {
        void vscode.window.showInformationMessage(
          'Readable record diffs need a git repository; this folder is not in one.',
        );
        return;
      }
      const command = textconvCommand(extensionUri);
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
