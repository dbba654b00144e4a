/**
 * The language client's options, shared by the Node client (languageClient.ts) and the web
 * client (web/extension.ts). No Node import here: the web build bundles this file.
 */
import * as vscode from 'vscode';
import type { DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';

/**
 * Runbooks in every scheme: `file:` and `untitled:` on the desktop, `vscode-vfs:` in github.dev,
 * `vscode-remote:` in code-server and remote windows, and whatever a file system provider adds.
 * Team rule packs are plain YAML files: the server checks them too.
 */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: '*', language: 'runbook' },
  { scheme: '*', pattern: '**/.runbook/rules/*.{yaml,yml}' },
];

/** Schemes whose documents are old versions shown beside the file (diff views): checked once, in the file. */
const HISTORY_SCHEMES = new Set(['git', 'gitfs']);

export function clientOptions(context: vscode.ExtensionContext): LanguageClientOptions {
  // Team rule packs and config files: the server re-reads them when they change.
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/.runbook/rules/*.{yaml,yml}'),
    vscode.workspace.createFileSystemWatcher('**/.runbookrc.json'),
  ];
  context.subscriptions.push(...watchers);
  return {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: {
      configurationSection: 'runbook',
      fileEvents: watchers,
    },
    diagnosticCollectionName: 'runbook',
    // VS Code offers snippets/runbook.json from the manifest; the server's copy is for other editors.
    initializationOptions: { snippets: false },
    middleware: {
      // The HEAD side of a git diff would repeat every problem of the file in the Problems view.
      didOpen: (doc, next) => (HISTORY_SCHEMES.has(doc.uri.scheme) ? Promise.resolve() : next(doc)),
    },
  };
}
