/** Questions about files asked through `vscode.workspace.fs`, so they hold on the desktop and the web alike. */
import * as vscode from 'vscode';

/** Whether anything (file or folder) is at `uri`. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
