/**
 * A real JSON-RPC client for the bundled server over stdio, for protocol tests and the benchmark.
 * It speaks plain LSP, exactly as any editor would; nothing in it is VS Code specific.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
  ConfigurationRequest,
  RegistrationRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

export interface LspSession {
  connection: ProtocolConnection;
  process: ChildProcess;
  initializeResult: InitializeResult;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  nextDiagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, version?: number): void;
  change(
    uri: string,
    version: number,
    changes: {
      range?: { start: { line: number; character: number }; end: { line: number; character: number } };
      text: string;
    }[],
  ): void;
  close(uri: string): void;
  stop(): Promise<void>;
  stderr(): string;
}

export interface StartOptions {
  serverPath?: string;
  args?: string[];
  /** Answers workspace/configuration for the `runbook` section. */
  settings?: Record<string, unknown>;
  /** Answers it per workspace folder (`scopeUri`; undefined for the window); wins over `settings`. */
  settingsFor?: (scopeUri: string | undefined) => Record<string, unknown>;
  rootUri?: string | null;
  /** Several workspace folders (multi-root); the client then supports folder change notifications. */
  workspaceFolders?: { uri: string; name: string }[];
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
}

export async function startServer(options: StartOptions = {}): Promise<LspSession> {
  const serverPath = options.serverPath ?? resolve(__dirname, '../../out/server.js');
  const child = spawn(process.execPath, [serverPath, ...(options.args ?? ['--stdio'])], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  let errText = '';
  child.stderr!.on('data', (d) => {
    errText += String(d);
  });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const waiters: {
    uri: string;
    accept: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    const i = waiters.findIndex((w) => w.uri === p.uri && w.accept(p));
    if (i !== -1) waiters.splice(i, 1)[0].resolve(p);
  });
  connection.onRequest(ConfigurationRequest.type, (p) =>
    p.items.map((item) =>
      item.section !== 'runbook'
        ? null
        : options.settingsFor
          ? options.settingsFor(item.scopeUri)
          : (options.settings ?? {}),
    ),
  );
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest('workspace/codeLens/refresh', () => undefined);
  connection.listen();
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: options.rootUri ?? null,
    capabilities: {
      workspace: { configuration: true, workspaceFolders: !!options.workspaceFolders },
      textDocument: { publishDiagnostics: { relatedInformation: true } },
    },
    workspaceFolders: options.workspaceFolders ?? (options.rootUri ? [{ uri: options.rootUri, name: 'root' }] : null),
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    process: child,
    initializeResult,
    nextDiagnostics(uri, accept = () => true) {
      return new Promise((res) => waiters.push({ uri, accept, resolve: res }));
    },
    open(uri, text, version = 1) {
      void connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'runbook', version, text },
      });
    },
    change(uri, version, changes) {
      void connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: changes as never,
      });
    },
    close(uri) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    async stop() {
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        /* already gone */
      }
      connection.dispose();
      if (child.exitCode === null)
        await new Promise<void>((r) => {
          const t = setTimeout(() => {
            child.kill();
            r();
          }, 2000);
          child.once('exit', () => {
            clearTimeout(t);
            r();
          });
        });
    },
    stderr: () => errText,
  };
}
