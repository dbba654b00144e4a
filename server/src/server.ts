/**
 * The LSP adapter. Each handler finds the document and delegates to the pure language service;
 * transport (stdio, node IPC, socket) is chosen by the command line, so any LSP client works.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../core/service';
import type { SeveritySettings } from '../../core/rules/engine';
import { ChecklistStateNotification } from './protocol';
import { CONFIG_URI, PACK_URI, ProjectConfigs } from './projectConfig';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { docsFolder } from '../../node/docs';
import { loadScenarioSnippets } from '../../node/snippets';
import { afterCheck } from '../../node/memoryGovernor';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// Links to rule pages point at the copy shipped beside the server (out/../docs), so they open
// without a network; the repository's pages are the fallback when the docs were not shipped.
const bundledDocs = docsFolder(__dirname);
const service = createLanguageService(bundledDocs ? { docsBase: pathToFileURL(join(bundledDocs, 'rules')).href } : {});
let supportsConfiguration = false;
let supportsWorkspaceFolders = false;
let workspaceRoots: string[] = [];
const projectConfigs = new ProjectConfigs();
let runbooksWithRuns = new Set<string>();

/** Quiet time after the last keystroke before a check: short, because the check itself is incremental. */
const DEBOUNCE_MS = Number(process.env.RUNBOOK_DEBOUNCE_MS ?? 15);
const pending = new Map<string, ReturnType<typeof setTimeout>>();
/** Typing in a team pack reloads every pack and re-checks every open runbook: wait for a pause. */
const PACK_DEBOUNCE_MS = 300;

process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
process.on('uncaughtException', (err) => connection.console.error(`Uncaught exception: ${err.stack ?? err.message}`));

let packUris = new Set<string>();

function validate(uri: string): void {
  pending.delete(uri);
  const doc = documents.get(uri);
  if (!doc) return;
  if (PACK_URI.test(uri) || CONFIG_URI.test(uri)) {
    void refreshSettings();
    return;
  }
  try {
    const { diagnostics } = service.analyze(uri, doc.getText());
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    afterCheck();
  } catch (err) {
    connection.console.error(`Checking ${uri} failed: ${(err as Error).stack ?? String(err)}`);
  }
}

function schedule(
  uri: string,
  delay = PACK_URI.test(uri) || CONFIG_URI.test(uri) ? PACK_DEBOUNCE_MS : DEBOUNCE_MS,
): void {
  const old = pending.get(uri);
  if (old) clearTimeout(old);
  // Nothing is checked before the first settings and config files are read: no flash of wrong severities.
  pending.set(
    uri,
    setTimeout(() => void settingsRead.then(() => validate(uri)), delay),
  );
}

/**
 * Re-reads what configures the checks: `runbook.rules` of the window and of each workspace folder,
 * and (lazily, per runbook folder) the config files and team packs above each runbook.
 * Order, last wins: config files from the top down, then the folder's `runbook.rules`.
 */
/** The settings read last (or being read): checks wait for it, so none runs with stale severities. */
let settingsRead: Promise<void> = new Promise<void>((r) => (firstSettingsRead = r));
let firstSettingsRead: () => void;

function refreshSettings(): Promise<void> {
  const run = readSettings().finally(() => firstSettingsRead());
  settingsRead = run.catch(() => undefined);
  return run;
}

async function readSettings(): Promise<void> {
  let windowSettings: SeveritySettings = {};
  const settings = new Map<string, SeveritySettings>();
  if (supportsConfiguration) {
    const sections = (await connection.workspace.getConfiguration([
      { section: 'runbook' },
      ...workspaceRoots.map((scopeUri) => ({ scopeUri, section: 'runbook' })),
    ])) as ({ rules?: SeveritySettings } | null)[];
    windowSettings = sections[0]?.rules ?? {};
    workspaceRoots.forEach((uri, i) => settings.set(uri, sections[i + 1]?.rules ?? {}));
  }
  const openTexts = new Map(
    documents
      .all()
      .filter((d) => PACK_URI.test(d.uri) || CONFIG_URI.test(d.uri))
      .map((d) => [d.uri, d.getText()]),
  );
  projectConfigs.reset({ folderUris: workspaceRoots, settings, windowSettings, openTexts });
  service.configure({ ...projectConfigs.fallback(), scope: projectConfigs.scope });
  // Problems inside pack and config files, and cleared ones for files that were fixed or deleted.
  const openRunbooks = documents
    .all()
    .filter((d) => d.uri.startsWith('file:') && !PACK_URI.test(d.uri) && !CONFIG_URI.test(d.uri))
    .map((d) => fileURLToPath(d.uri));
  const diagnostics = projectConfigs.diagnostics(openRunbooks);
  for (const uri of packUris) if (!diagnostics.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  for (const [uri, list] of diagnostics) void connection.sendDiagnostics({ uri, diagnostics: list });
  packUris = new Set(diagnostics.keys());
  for (const doc of documents.all()) if (!PACK_URI.test(doc.uri) && !CONFIG_URI.test(doc.uri)) schedule(doc.uri, 0);
}

connection.onInitialize((params): InitializeResult => {
  supportsConfiguration = !!params.capabilities.workspace?.configuration;
  supportsWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  // Editors other than VS Code get the scenario snippets through completion (`snippets: false` turns it off).
  const init = (params.initializationOptions ?? {}) as { snippets?: boolean };
  if (init.snippets !== false) service.configure({ snippets: loadScenarioSnippets() });
  workspaceRoots = (params.workspaceFolders ?? [])
    .map((f) => f.uri)
    .concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : []);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [':', ' ', '-', '[', ','], resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: { label: 'Runbook' },
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.runbook'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'runbook-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (supportsConfiguration)
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'runbook' });
  // Folders added to or removed from the workspace bring or take their config, packs and settings.
  if (supportsWorkspaceFolders)
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      workspaceRoots = workspaceRoots.filter((u) => !removed.has(u)).concat(e.added.map((f) => f.uri));
      void refreshSettings();
    });
  void refreshSettings();
});

connection.onDidChangeConfiguration(() => void refreshSettings());
connection.onDidChangeWatchedFiles(() => void refreshSettings());
connection.onNotification(ChecklistStateNotification, (p) => {
  runbooksWithRuns = new Set(p.runbooksWithRuns);
  void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
});

// Fires on open too (after onDidOpen), so one handler covers both.
documents.onDidChangeContent((e) => schedule(e.document.uri));
documents.onDidClose((e) => {
  const t = pending.get(e.document.uri);
  if (t) clearTimeout(t);
  pending.delete(e.document.uri);
  service.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

/** Runs `fn` on the open document, or returns `empty` when the client asks about an unknown one. */
function withDoc<T>(uri: string, empty: T, fn: (text: string) => T): T {
  const doc = documents.get(uri);
  return doc ? fn(doc.getText()) : empty;
}

connection.onCompletion((p) =>
  withDoc(p.textDocument.uri, null, (t) => service.completion(p.textDocument.uri, t, p.position)),
);
connection.onHover((p) => withDoc(p.textDocument.uri, null, (t) => service.hover(p.textDocument.uri, t, p.position)));
connection.onDefinition((p) =>
  withDoc(p.textDocument.uri, [], (t) => service.definition(p.textDocument.uri, t, p.position)),
);
connection.onReferences((p) =>
  withDoc(p.textDocument.uri, [], (t) =>
    service.references(p.textDocument.uri, t, p.position, p.context.includeDeclaration),
  ),
);
connection.onDocumentHighlight((p) =>
  withDoc(p.textDocument.uri, [], (t) => service.documentHighlights(p.textDocument.uri, t, p.position)),
);
connection.onDocumentSymbol((p) =>
  withDoc(p.textDocument.uri, [], (t) => service.documentSymbols(p.textDocument.uri, t)),
);
connection.onFoldingRanges((p) => withDoc(p.textDocument.uri, [], (t) => service.foldingRanges(p.textDocument.uri, t)));
connection.onCodeAction((p) =>
  withDoc(p.textDocument.uri, [], (t) =>
    service.codeActions(p.textDocument.uri, t, p.range, p.context.diagnostics, p.context.only),
  ),
);
connection.onCodeLens((p) =>
  withDoc(p.textDocument.uri, [], (t) =>
    service.codeLenses(p.textDocument.uri, t, { checklistAvailable: runbooksWithRuns.has(p.textDocument.uri) }),
  ),
);
// A refusal is a ResponseError, not a thrown Error: the client shows its message as it is
// (a thrown error reaches it as "Request ... failed with message: ...").
connection.onPrepareRename((p) =>
  withDoc(p.textDocument.uri, null, (t) => {
    const r = service.prepareRename(p.textDocument.uri, t, p.position);
    return 'error' in r ? new ResponseError(LSPErrorCodes.RequestFailed, r.error) : r;
  }),
);
connection.onRenameRequest((p) =>
  withDoc(p.textDocument.uri, null, (t) => {
    const r = service.rename(p.textDocument.uri, t, p.position, p.newName);
    return 'error' in r ? new ResponseError(LSPErrorCodes.RequestFailed, r.error) : r;
  }),
);

documents.listen(connection);
connection.listen();
