/**
 * Activation in a web worker extension host (vscode.dev, github.dev, code-server's web worker
 * host): the language server runs in its own web worker on the same pure core as the Node one.
 * Nothing here may import Node built-ins or node/: esbuild's browser build fails if it does.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions } from '../clientOptions';
import { readTeamPackFiles } from '../teamPackFiles';
import { TeamPackFilesRequest } from '../../../server/src/protocol';
import { registerBrowserPlaceholders } from './unavailable';
import { startServerWorker } from './serverWorker';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  registerBrowserPlaceholders(context);
  const script = vscode.Uri.joinPath(context.extensionUri, 'out', 'web', 'server.js');
  // A function, not a worker: the client calls it again when it restarts a crashed server. It
  // returns the transports, not the worker: the client's `instanceof Worker` test fails in the
  // web worker host, whose `Worker` is a wrapper function around the real constructor.
  const transports = async () => {
    const worker = await startServerWorker(script);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  client = new LanguageClient('runbook', 'Runbook Language Server', transports, clientOptions(context));
  // The worker has no file system: it asks for team rule packs, read here through the editor.
  client.onRequest(TeamPackFilesRequest, (p) => readTeamPackFiles(p.roots));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
