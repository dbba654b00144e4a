/** Starts the bundled language server (out/server.js) over IPC for `runbook` documents. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions } from './clientOptions';

let current: LanguageClient | undefined;

/** The client started last: the checklist sends it `ChecklistStateNotification`. */
export function languageClient(): LanguageClient | undefined {
  return current;
}

export function startLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'out', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const client = new LanguageClient('runbook', 'Runbook Language Server', serverOptions, clientOptions(context));
  current = client;
  void client.start();
  return client;
}
