/**
 * Starts the web worker language server. From an http(s) URL (vscode.dev, github.dev serve the
 * extension from a CDN) the worker loads directly. From any other scheme (code-server and remote
 * windows serve it as `vscode-remote:`, which the web worker host refuses to start a worker
 * from) the script is read through the editor's file system and started from a blob URL; either
 * way it comes from the extension's own files, never from the network at large.
 */
import * as vscode from 'vscode';

export async function startServerWorker(script: vscode.Uri): Promise<Worker> {
  const name = 'Runbook Language Server';
  if (script.scheme === 'http' || script.scheme === 'https') return new Worker(script.toString(true), { name });
  const code = await vscode.workspace.fs.readFile(script);
  const url = URL.createObjectURL(new Blob([code as Uint8Array<ArrayBuffer>], { type: 'application/javascript' }));
  return new Worker(url, { name });
}
