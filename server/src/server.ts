/**
 * The LSP adapter. Each handler finds the document and delegates to the pure language service;
 * transport (stdio, node IPC, socket) is chosen by the command line, so any LSP client works.
 */
import {
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../core/service';
import type { SeveritySettings } from '../../core/rules/engine';
import { ChecklistPlanRequest, ChecklistStateNotification } from './protocol';
import { checklistPlan } from './checklistPlan';
import { BUILTIN_RULES } from '../../core/rules/exchange2000';
import { CONFIG_URI, PACK_URI } from './packTexts';
import { configScopes } from './configTexts';
import { serverHost } from './host';
import { guarded, setLifecycle } from './guard';
import type { Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver-types';

// Node (nodeMain.ts) or web worker (browserMain.ts): installed before this module runs.
const host = serverHost();
/**
 * Documents from this size (characters) are parsed and checked on the checker thread, so that
 * the main thread answers requests about other documents meanwhile (docs/reliability.md). A host
 * without threads (the web worker) checks everything here.
 */
const THREAD_CHARS = host.threadChars;
/** Documents over this size get the syntax and schema checks and a notice, not the rules. */
const FULL_CHECK_CHARS = host.fullCheckChars;

const connection = host.connection;
const documents = new TextDocuments(TextDocument);
// Links to rule pages point at the copy shipped with the extension where the host has one, so
// they open without a network; the repository's pages are the fallback.
const docsBase = host.docsBase();
const service = createLanguageService({ fullCheckChars: FULL_CHECK_CHARS, ...(docsBase ? { docsBase } : {}) });
const checker = host.createChecker();
/** Config files and team packs walked up from each runbook (Node); absent in a web worker. */
const projectConfigs = host.projectConfigs();
let snippetsOn = true;
let supportsConfiguration = false;
let supportsWorkspaceFolders = false;
let workspaceRoots: string[] = [];
let runbooksWithRuns = new Set<string>();

/** Quiet time after the last keystroke before a check: short, because the check itself is incremental. */
const DEBOUNCE_MS = host.debounceMs;
const pending = new Map<string, ReturnType<typeof setTimeout>>();
/** Typing in a team pack reloads every pack and re-checks every open runbook: wait for a pause. */
const PACK_DEBOUNCE_MS = 300;

let packUris = new Set<string>();
/** Documents with a check running on the thread; true when a newer version waits for it. */
const threadChecking = new Map<string, boolean>();

function validate(uri: string): void {
  pending.delete(uri);
  const doc = documents.get(uri);
  if (!doc) return;
  if (PACK_URI.test(uri) || CONFIG_URI.test(uri)) {
    void refreshSettings();
    return;
  }
  if (checker && threadChecking.has(uri)) {
    // One check per document on the thread at a time: versions typed meanwhile are not sent (each
    // a full copy of the text) nor checked; the newest is, once the running check answers.
    threadChecking.set(uri, true);
    return;
  }
  if (checker && onThread(doc)) {
    const version = doc.version;
    threadChecking.set(uri, false);
    checker
      .call<Diagnostic[]>('diagnostics', uri)
      .then((diagnostics) => {
        if (documents.get(uri)?.version === version) void connection.sendDiagnostics({ uri, version, diagnostics });
        host.afterCheck();
      })
      .catch((err: Error) => connection.console.error(`Checking ${uri} failed: ${err.message}`))
      .finally(() => {
        const again = threadChecking.get(uri);
        threadChecking.delete(uri);
        if (again) validate(uri);
      });
    return;
  }
  try {
    const { diagnostics } = service.analyze(uri, doc.getText());
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    host.afterCheck();
  } catch (err) {
    connection.console.error(`Checking ${uri} failed: ${(err as Error).stack ?? String(err)}`);
  }
}

/** Whether `doc` is worked on by the checker thread; sends it its text (once per version). */
function onThread(doc: TextDocument): boolean {
  if (!checker) return false;
  if (doc.getText().length < THREAD_CHARS) {
    checker.forget(doc.uri);
    return false;
  }
  service.forget(doc.uri);
  checker.set(doc.uri, doc.version, doc.getText());
  return true;
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
  const isConfigFile = (uri: string) => PACK_URI.test(uri) || CONFIG_URI.test(uri);
  let diagnostics: Map<string, Diagnostic[]>;
  if (projectConfigs) {
    projectConfigs.reset({ folderUris: workspaceRoots, settings, windowSettings, openTexts });
    service.configure({ ...projectConfigs.fallback(), scope: projectConfigs.scope });
    // Problems inside pack and config files, and cleared ones for files that were fixed or deleted.
    diagnostics = projectConfigs.diagnostics(
      documents
        .all()
        .map((d) => d.uri)
        .filter((uri) => uri.startsWith('file:') && !isConfigFile(uri)),
    );
  } else {
    // A host without a file system (web worker): team packs of every workspace folder and the
    // config files, read by the client; the walk from each runbook is configTexts.ts.
    const packs = await host.loadTeamPacks(
      workspaceRoots,
      BUILTIN_RULES.map((r) => r.id),
      openTexts,
    );
    const configs = host.loadConfigTexts && configScopes(await host.loadConfigTexts(workspaceRoots), workspaceRoots);
    const folderSettings = new Map([...settings].map(([uri, s]) => [uri.replace(/\/+$/, ''), s]));
    service.configure({
      severities: windowSettings,
      extraRules: packs.rules,
      scope: (uri) => {
        const fromFiles = configs?.severitiesOf(uri);
        if (!fromFiles) return undefined;
        const folder = configs?.folderOf(uri);
        const editor = (folder && folderSettings.get(folder)) ?? windowSettings;
        return { severities: { ...fromFiles, ...editor }, extraRules: packs.rules };
      },
    });
    diagnostics = new Map([...packs.diagnostics, ...(configs?.diagnostics ?? [])]);
  }
  checker?.configure({
    kind: 'configure',
    severities: windowSettings,
    roots: workspaceRoots,
    builtinIds: BUILTIN_RULES.map((r) => r.id),
    openPacks: [...openTexts].filter(([uri]) => PACK_URI.test(uri)),
    snippets: snippetsOn,
    fullCheckChars: FULL_CHECK_CHARS,
  });
  for (const uri of packUris) if (!diagnostics.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  for (const [uri, list] of diagnostics) void connection.sendDiagnostics({ uri, diagnostics: list });
  packUris = new Set(diagnostics.keys());
  for (const doc of documents.all()) if (!isConfigFile(doc.uri)) schedule(doc.uri, 0);
}

connection.onInitialize((params): InitializeResult => {
  supportsConfiguration = !!params.capabilities.workspace?.configuration;
  supportsWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  // Editors other than VS Code get the scenario snippets through completion (`snippets: false` turns it off).
  const init = (params.initializationOptions ?? {}) as { snippets?: boolean };
  snippetsOn = init.snippets !== false;
  if (snippetsOn) service.configure({ snippets: host.scenarioSnippets() });
  setLifecycle('running');
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
connection.onRequest(ChecklistPlanRequest, (p) =>
  checklistPlan(service, p.uri, documents.get(p.uri)?.getText() ?? p.text),
);
connection.onNotification(ChecklistStateNotification, (p) => {
  runbooksWithRuns = new Set(p.runbooksWithRuns);
  void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
});

/**
 * A document just opened is checked at once: the debounce waits for a pause in typing, and
 * nothing is typed yet. (The check still waits for the first settings, see `schedule`.)
 */
const justOpened = new Set<string>();
documents.onDidOpen((e) => justOpened.add(e.document.uri));
// Fires on open too (after onDidOpen), so one handler covers both.
documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  if (justOpened.delete(uri) && !PACK_URI.test(uri) && !CONFIG_URI.test(uri)) schedule(uri, 0);
  else schedule(uri);
  // Each change of a large document leaves its previous text (megabytes) behind: a burst of typing
  // piled up tens of them on this thread before V8 collected its old generation.
  if (e.document.getText().length >= THREAD_CHARS) host.afterLargeChange?.();
});
documents.onDidClose((e) => {
  const t = pending.get(e.document.uri);
  if (t) clearTimeout(t);
  pending.delete(e.document.uri);
  service.forget(e.document.uri);
  checker?.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onShutdown(async () => {
  setLifecycle('shut down');
  await checker?.stop();
});

type ServiceMethod =
  | 'completion'
  | 'hover'
  | 'definition'
  | 'references'
  | 'documentHighlights'
  | 'documentSymbols'
  | 'foldingRanges'
  | 'codeActions'
  | 'codeLenses'
  | 'prepareRename'
  | 'rename';

/**
 * Asks the language service about an open document: on this thread for a small one, on the
 * checker thread for a large one. `empty` answers for a document the client never opened.
 */
async function ask<T>(uri: string, empty: T, method: ServiceMethod, args: unknown[]): Promise<T> {
  const doc = documents.get(uri);
  if (!doc) return empty;
  if (checker && onThread(doc)) return checker.call<T>(method, uri, args);
  const fn = service[method] as unknown as (uri: string, text: string, ...rest: unknown[]) => T;
  return fn(uri, doc.getText(), ...args);
}

const refusal = <T extends object>(r: T | { error: string }) =>
  'error' in r ? new ResponseError(LSPErrorCodes.RequestFailed, r.error) : r;

const POSITION = { position: true };
connection.onCompletion(guarded(POSITION, (p) => ask(p.textDocument.uri, null, 'completion', [p.position])));
connection.onHover(guarded(POSITION, (p) => ask(p.textDocument.uri, null, 'hover', [p.position])));
connection.onDefinition(guarded(POSITION, (p) => ask(p.textDocument.uri, [], 'definition', [p.position])));
connection.onReferences(
  guarded(POSITION, (p) => ask(p.textDocument.uri, [], 'references', [p.position, !!p.context?.includeDeclaration])),
);
connection.onDocumentHighlight(
  guarded(POSITION, (p) => ask(p.textDocument.uri, [], 'documentHighlights', [p.position])),
);
connection.onDocumentSymbol(guarded({}, (p) => ask(p.textDocument.uri, [], 'documentSymbols', [])));
connection.onFoldingRanges(guarded({}, (p) => ask(p.textDocument.uri, [], 'foldingRanges', [])));
connection.onCodeAction(
  guarded({ range: true }, (p) =>
    ask(p.textDocument.uri, [], 'codeActions', [
      p.range,
      Array.isArray(p.context?.diagnostics) ? p.context.diagnostics : [],
      p.context?.only,
    ]),
  ),
);
connection.onCodeLens(
  guarded({}, (p) =>
    ask(p.textDocument.uri, [], 'codeLenses', [{ checklistAvailable: runbooksWithRuns.has(p.textDocument.uri) }]),
  ),
);
// A refusal is a ResponseError, not a thrown Error: the client shows its message as it is
// (a thrown error reaches it as "Request ... failed with message: ...").
connection.onPrepareRename(
  guarded(POSITION, async (p) => {
    const r = await ask<{ range: Range; placeholder: string } | { error: string } | null>(
      p.textDocument.uri,
      null,
      'prepareRename',
      [p.position],
    );
    return r && refusal(r);
  }),
);
connection.onRenameRequest(
  guarded(POSITION, async (p) => {
    if (typeof p.newName !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'newName must be a string');
    const r = await ask<WorkspaceEdit | { error: string } | null>(p.textDocument.uri, null, 'rename', [
      p.position,
      p.newName,
    ]);
    return r && refusal(r);
  }),
);

documents.listen(connection);
connection.listen();
