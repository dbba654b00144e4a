/**
 * The project configuration files (`.runbookrc.json`) of the workspace folders, read through
 * `vscode.workspace.fs` for the web worker server, which has no file system of its own. The server
 * does the walk from each runbook (server/src/configTexts.ts); this finds the files and which of
 * their folders are repository roots, where the walk stops as on the desktop.
 */
import * as vscode from 'vscode';
import { exists } from './workspaceFiles';
import type { ConfigFilesResult, TeamPackFile } from '../../server/src/protocol';

const CONFIG_GLOB = '**/.runbookrc.json';

export async function readConfigFiles(roots: readonly string[]): Promise<ConfigFilesResult> {
  const files: TeamPackFile[] = [];
  const folders = new Set<string>();
  const decoder = new TextDecoder();
  for (const root of roots) {
    const rootUri = vscode.Uri.parse(root);
    folders.add(rootUri.toString());
    const found = await vscode.workspace.findFiles(
      new vscode.RelativePattern(rootUri, CONFIG_GLOB),
      '**/{node_modules,.git}/**',
    );
    for (const uri of found.sort((a, b) => (a.path < b.path ? -1 : 1))) {
      try {
        files.push({ uri: uri.toString(), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) });
        folders.add(vscode.Uri.joinPath(uri, '..').toString());
      } catch {
        // deleted since the search: the next change event reads the files again
      }
    }
  }
  const repositoryRoots: string[] = [];
  for (const folder of folders)
    if (await exists(vscode.Uri.joinPath(vscode.Uri.parse(folder), '.git'))) repositoryRoots.push(folder);
  return { files, repositoryRoots };
}
