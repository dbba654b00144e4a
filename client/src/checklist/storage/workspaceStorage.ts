/**
 * The storage seam (types.ts) on `vscode.workspace.fs`: the web build's run records. Writable where
 * the runbook's file system is (`isWritableFileSystem`); a pull request opened in github.dev is
 * read-only, and the checklist says so instead of failing on the first tick.
 */
import * as vscode from 'vscode';
import { WorkspaceRecords, type FileAccess } from './workspaceRecords';
import { runbookStem } from '../../../../core/records/recordNames';
import type { RecordStorage } from './types';

function editorFileSystem(): FileAccess {
  const fs = vscode.workspace.fs;
  const uri = (s: string) => vscode.Uri.parse(s);
  return {
    readFile: (s) => Promise.resolve(fs.readFile(uri(s))),
    writeFile: (s, data) => Promise.resolve(fs.writeFile(uri(s), data)),
    listFiles: async (s) =>
      (await fs.readDirectory(uri(s))).filter(([, t]) => (t & vscode.FileType.File) !== 0).map(([n]) => n),
    exists: async (s) => {
      try {
        await fs.stat(uri(s));
        return true;
      } catch {
        return false;
      }
    },
    createDirectory: (s) => Promise.resolve(fs.createDirectory(uri(s))),
  };
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function workspaceStorage(fileAccess: FileAccess = editorFileSystem()): RecordStorage {
  const records = new WorkspaceRecords(fileAccess);
  const runsDir = (runbook: vscode.Uri, folder: string) => vscode.Uri.joinPath(runbook, '..', folder).toString();
  return {
    readOnlyReason(runbook) {
      const writable = vscode.workspace.fs.isWritableFileSystem(runbook.scheme);
      if (writable) return undefined;
      return writable === false
        ? 'This runbook is on a read-only file system (for instance a pull request you cannot push to, opened in github.dev): runs can be read here but not started or ticked. Open a branch you can write to, or the folder in VS Code on the desktop.'
        : `No file system here can write ${runbook.scheme}: files, so the checklist is read-only.`;
    },
    uriOf: (id) => vscode.Uri.parse(id),
    idOf: (uri) => uri.toString(),
    list: (runbook, folder) => records.list(runsDir(runbook, folder), runbookStem(baseName(runbook))),
    read: (id) => records.read(id),
    async create(runbook, folder, _startedAt, start) {
      // No git in the browser: the record names the runbook by its path in its workspace folder.
      const inFolder = vscode.workspace.getWorkspaceFolder(runbook)
        ? vscode.workspace.asRelativePath(runbook, false)
        : baseName(runbook);
      return records.create(runsDir(runbook, folder), runbookStem(baseName(runbook)), start(inFolder));
    },
    apply: (id, context, request) => records.apply(id, context, request),
  };
}
