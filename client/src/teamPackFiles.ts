/**
 * Team rule packs read through `vscode.workspace.fs`, for the web worker server, which has no
 * file system of its own: works on any scheme the editor can read (`vscode-vfs:` in github.dev,
 * `vscode-remote:`, `file:`). Same order as the Node loader (node/packFiles.ts): folder by folder,
 * each folder's `.runbook/rules/*.yaml` sorted by name; unreadable files are skipped like there.
 */
import * as vscode from 'vscode';
import type { TeamPackFile } from '../../server/src/protocol';

const PACK_FILE = /\.ya?ml$/;

export async function readTeamPackFiles(roots: readonly string[]): Promise<TeamPackFile[]> {
  const files: TeamPackFile[] = [];
  const decoder = new TextDecoder();
  for (const root of roots) {
    const dir = vscode.Uri.joinPath(vscode.Uri.parse(root), '.runbook', 'rules');
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      continue; // no pack folder in this workspace folder
    }
    const names = entries
      .filter(([name, type]) => PACK_FILE.test(name) && (type & vscode.FileType.File) !== 0)
      .map(([name]) => name)
      .sort();
    for (const name of names) {
      const uri = vscode.Uri.joinPath(dir, name);
      try {
        files.push({ uri: uri.toString(), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) });
      } catch {
        // deleted or unreadable since the listing: the next change event reloads the packs
      }
    }
  }
  return files;
}
