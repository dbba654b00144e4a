/**
 * The storage seam (types.ts) on Node's file system: node/records as before (a lock file per
 * record, an atomic replace with fsync, git for the operator's name and the union-merge offer).
 * Only the desktop and remote extension host bundle this file.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { GITATTRIBUTES_LINE } from '../../../../core/records/events';
// The async forms: no lock wait, file write or git call blocks the editor's thread.
import { applyRequestAsync } from '../../../../node/applyRequest';
import {
  addUnionAttributeAsync,
  createRecordAsync,
  gitTopLevelAsync,
  gitUserNameAsync,
  listRecords,
  loadRecord,
  loadRecordAsync,
  newRecordPath,
  relativePath,
  unionMergeStatusAsync,
  type LoadedRecord,
} from '../../../../node/records';
import type { RecordStorage } from './types';

const gitNames = new Map<string, { name: string | undefined; at: number }>();

async function cachedGitName(cwd: string): Promise<string | undefined> {
  const hit = gitNames.get(cwd);
  if (hit && Date.now() - hit.at < 60_000) return hit.name;
  const name = (await gitUserNameAsync(cwd))?.trim() || undefined;
  gitNames.set(cwd, { name, at: Date.now() });
  return name;
}

export function nodeStorage(): RecordStorage {
  const cache = new Map<string, { mtime: number; size: number; record: LoadedRecord }>();
  let gitattributesAsked = false;

  /** Records conflict in git without `merge=union` (test/unit/records/git-merge.test.ts): offer the line once per session. */
  async function offerUnionMerge(file: string): Promise<void> {
    if (gitattributesAsked) return;
    const status = await unionMergeStatusAsync(file);
    if (status.kind !== 'missing') return;
    gitattributesAsked = true;
    const choice = await vscode.window.showInformationMessage(
      `Two people ticking the same run in different clones get a git conflict unless run records use a union merge. Add "${GITATTRIBUTES_LINE}" to .gitattributes?`,
      'Add',
      'Not now',
    );
    if (choice !== 'Add') return;
    try {
      const written = await addUnionAttributeAsync(status.root);
      void vscode.window.showInformationMessage(
        `Added the line to ${vscode.workspace.asRelativePath(written)}; commit it with the runbook.`,
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not update .gitattributes: ${(e as Error).message}`);
    }
  }

  return {
    readOnlyReason: (runbook) =>
      runbook.scheme === 'file'
        ? undefined
        : 'Run records are files on disk and this runbook is not in a local folder: the checklist is read-only.',
    uriOf: (id) => vscode.Uri.file(id),
    idOf: (uri) => (uri.scheme === 'file' ? uri.fsPath : undefined),
    list: async (runbook, folder) => (runbook.scheme === 'file' ? listRecords(runbook.fsPath, folder) : []),
    read: (id) => loadRecordAsync(id),
    async create(runbook, folder, startedAt, start) {
      const file = newRecordPath(runbook.fsPath, startedAt, folder);
      const root =
        (await gitTopLevelAsync(dirname(runbook.fsPath))) ??
        vscode.workspace.getWorkspaceFolder(runbook)?.uri.fsPath ??
        dirname(runbook.fsPath);
      await createRecordAsync(file, start(relativePath(root, runbook.fsPath)));
      return file;
    },
    apply: (id, context, request) => applyRequestAsync(id, context, request),
    suggestedOperator: (runbook) => cachedGitName(dirname(runbook.fsPath)),
    afterStart: offerUnionMerge,
    now: {
      list: (runbook, folder) => (runbook.scheme === 'file' ? listRecords(runbook.fsPath, folder) : []),
      /** Re-uses the last read while the file's time and size are the same. */
      load(file) {
        let stat;
        try {
          stat = statSync(file);
        } catch {
          cache.delete(file);
          return undefined;
        }
        const hit = cache.get(file);
        if (hit && hit.mtime === stat.mtimeMs && hit.size === stat.size) return hit.record;
        try {
          const record = loadRecord(file);
          cache.set(file, { mtime: stat.mtimeMs, size: stat.size, record });
          return record;
        } catch {
          return undefined;
        }
      },
      forget: (file) => cache.delete(file),
      readText(runbook) {
        if (runbook.scheme !== 'file') return undefined;
        try {
          return readFileSync(runbook.fsPath, 'utf8');
        } catch {
          return undefined;
        }
      },
    },
  };
}
