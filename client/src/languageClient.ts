/** Starts the bundled language server (out/server.js) over IPC for `runbook` documents. */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

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
  const watcher = vscode.workspace.createFileSystemWatcher('**/.runbook/rules/*.{yaml,yml}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    // Team rule packs are plain YAML files: the server checks them too.
    documentSelector: [
      { scheme: 'file', language: 'runbook' },
      { scheme: 'untitled', language: 'runbook' },
      { scheme: 'file', pattern: '**/.runbook/rules/*.{yaml,yml}' },
    ],
    synchronize: {
      configurationSection: 'runbook',
      // Team rule packs: the server reloads them when they change.
      fileEvents: watcher,
    },
    diagnosticCollectionName: 'runbook',
    // VS Code offers snippets/runbook.json from the manifest; the server's copy is for other editors.
    initializationOptions: { snippets: false },
  };
  const client = new LanguageClient('runbook', 'Runbook Language Server', serverOptions, clientOptions);
  current = client;
  void client.start();
  return client;
}
