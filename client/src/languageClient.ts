/** Starts the bundled language server (out/server.js) over IPC for `runbook` documents. */
import * as vscode from 'vscode';
import { withPreviewLinks } from './docs';
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
  // Team rule packs and config files: the server re-reads them when they change on disk.
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/.runbook/rules/*.{yaml,yml}'),
    vscode.workspace.createFileSystemWatcher('**/.runbookrc.json'),
  ];
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    // Team rule packs are plain YAML files: the server checks them too.
    documentSelector: [
      { scheme: 'file', language: 'runbook' },
      { scheme: 'untitled', language: 'runbook' },
      { scheme: 'file', pattern: '**/.runbook/rules/*.{yaml,yml}' },
    ],
    synchronize: {
      configurationSection: 'runbook',
      fileEvents: watchers,
    },
    diagnosticCollectionName: 'runbook',
    // "What this check looks for" opens the rule's page shipped in the extension, as a preview.
    middleware: {
      provideHover: async (document, position, token, next) => withPreviewLinks(await next(document, position, token)),
    },
    // VS Code offers snippets/runbook.json from the manifest; the server's copy is for other editors.
    initializationOptions: { snippets: false },
  };
  const client = new LanguageClient('runbook', 'Runbook Language Server', serverOptions, clientOptions);
  current = client;
  void client.start();
  return client;
}
