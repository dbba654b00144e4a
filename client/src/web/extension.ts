/**
 * Activation in a web worker extension host (vscode.dev, github.dev, code-server's web worker
 * host): the language server runs in its own web worker on the same pure core as the Node one;
 * the checklist, the run report and compare-runs are the desktop's code on the storage seam's
 * `vscode.workspace.fs` implementation (client/src/checklist/storage/workspaceStorage.ts).
 * Nothing here may import Node built-ins or node/: esbuild's browser build fails if it does.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions } from '../clientOptions';
import { setLanguageClient } from '../clientRegistry';
import { readTeamPackFiles } from '../teamPackFiles';
import { readConfigFiles } from '../configFiles';
import { ConfigFilesRequest, TeamPackFilesRequest } from '../../../server/src/protocol';
import { registerChecklist } from '../checklist';
import { workspaceStorage } from '../checklist/storage/workspaceStorage';
import { registerReports } from '../report';
import { registerDocs } from '../docs';
import { registerOnboarding } from '../onboarding';
import { registerBrowserPlaceholders } from './unavailable';
import { startServerWorker } from './serverWorker';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const script = vscode.Uri.joinPath(context.extensionUri, 'out', 'web', 'server.js');
  // A function, not a worker: the client calls it again when it restarts a crashed server. It
  // returns the transports, not the worker: the client's `instanceof Worker` test fails in the
  // web worker host, whose `Worker` is a wrapper function around the real constructor.
  const transports = async () => {
    const worker = await startServerWorker(script);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  client = new LanguageClient('runbook', 'Runbook Language Server', transports, clientOptions(context));
  setLanguageClient(client);
  // The worker has no file system: it asks for team rule packs and config files, read here through the editor.
  client.onRequest(TeamPackFilesRequest, (p) => readTeamPackFiles(p.roots));
  client.onRequest(ConfigFilesRequest, (p) => readConfigFiles(p.roots));
  registerReports(context, registerChecklist(context, workspaceStorage()));
  context.subscriptions.push(...registerDocs(context), ...registerOnboarding(context));
  // Last: only the commands still without a handler here get the "not in the browser" answer.
  await registerBrowserPlaceholders(context);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
