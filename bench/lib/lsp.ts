/**
 * The benchmark's LSP client: plain JSON-RPC over stdio, like test/lsp/lspClient.ts, but generic
 * enough to drive any language server side by side with ours: it chooses the languageId, answers
 * workspace/configuration for any section, answers every other server request with null, keeps a
 * log of every publishDiagnostics with its arrival time, and can pass flags to node
 * (`--cpu-prof`). Both servers are driven by this same code, so neither gets a different client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  code?: unknown;
  source?: string;
  severity?: number;
}
export interface Publish {
  uri: string;
  version?: number;
  diagnostics: Diag[];
  at: number;
  seq: number;
}

export interface ServerSpec {
  /** Short name for tables: `ours`, `peer`. */
  name: string;
  label: string;
  /** The script node runs, and its arguments. */
  script: string;
  args: string[];
  languageId: string;
  /** Answers to workspace/configuration, by section. */
  sections: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Options for node itself, before the script (what the editor passes as execArgv). */
  nodeArgs?: string[];
}

export interface StartOptions {
  nodeArgs?: string[];
  rootUri: string;
  cwd?: string;
}

type Position = { line: number; character: number };

export class LspClient {
  readonly publishes: Publish[] = [];
  /** Time from spawn to the initialize answer, in ms. */
  initializeMs = 0;
  configRequests = 0;
  private seq = 0;
  private waiters: { accept: (p: Publish) => boolean; resolve: (p: Publish) => void }[] = [];
  private errText = '';
  private configSeen: Promise<void>;
  private resolveConfig!: () => void;

  private constructor(
    readonly spec: ServerSpec,
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    this.configSeen = new Promise((r) => {
      this.resolveConfig = r;
    });
    child.stderr!.on('data', (d) => {
      this.errText += String(d);
      if (this.errText.length > 100_000) this.errText = this.errText.slice(-50_000);
    });
    connection.onNotification((method, params) => {
      if (method !== 'textDocument/publishDiagnostics') return;
      const p = params as { uri: string; version?: number; diagnostics: Diag[] };
      const pub: Publish = {
        uri: p.uri,
        version: p.version,
        diagnostics: p.diagnostics,
        at: performance.now(),
        seq: ++this.seq,
      };
      this.publishes.push(pub);
      if (this.publishes.length > 2000) this.publishes.splice(0, 1000);
      const i = this.waiters.findIndex((w) => w.accept(pub));
      if (i !== -1) this.waiters.splice(i, 1)[0].resolve(pub);
    });
    connection.onRequest((method, params) => {
      if (method === 'workspace/configuration') {
        this.configRequests++;
        const items = (params as { items: { section?: string }[] }).items;
        const answer = items.map((item) =>
          item.section !== undefined && item.section in spec.sections ? spec.sections[item.section] : null,
        );
        if (items.some((i) => i.section === Object.keys(spec.sections)[0])) this.resolveConfig();
        return answer;
      }
      return null; // client/registerCapability, workspace/codeLens/refresh, window/workDoneProgress/create, ...
    });
    connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }
  get lastSeq(): number {
    return this.seq;
  }
  stderr(): string {
    return this.errText;
  }

  static async start(spec: ServerSpec, options: StartOptions): Promise<LspClient> {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [...(spec.nodeArgs ?? []), ...(options.nodeArgs ?? []), spec.script, ...spec.args],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, ...spec.env },
        cwd: options.cwd,
      },
    );
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspClient(spec, child, connection);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) =>
        reject(new Error(`${spec.label} exited with ${code} during start: ${client.errText.slice(-2000)}`)),
      ),
    );
    await Promise.race([
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: options.rootUri,
        workspaceFolders: [{ uri: options.rootUri, name: 'bench' }],
        capabilities: {
          workspace: {
            configuration: true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: true },
          },
          textDocument: {
            synchronization: { didSave: false, dynamicRegistration: false },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
          },
        },
      }),
      exited,
    ]);
    client.initializeMs = performance.now() - t0;
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves when the server has asked for its own settings section (it is configured), or after `ms`. */
  async configured(ms = 5000): Promise<boolean> {
    return Promise.race([
      this.configSeen.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
    ]);
  }

  /** The next publish (after now) that `accept` takes, or a rejection after `timeoutMs`. */
  nextPublish(accept: (p: Publish) => boolean, timeoutMs: number): Promise<Publish> {
    return new Promise((resolve, reject) => {
      const w = {
        accept,
        resolve: (p: Publish) => {
          clearTimeout(t);
          resolve(p);
        },
      };
      const t = setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i !== -1) this.waiters.splice(i, 1);
        reject(new Error(`${this.spec.label}: no diagnostics within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: this.spec.languageId, version, text },
    });
  }

  change(uri: string, version: number, at: Position, length: number, text: string): Promise<void> {
    const range = { start: at, end: { line: at.line, character: at.character + length } };
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    const gone = new Promise<void>((r) => {
      if (this.child.exitCode !== null) r();
      else this.child.once('exit', () => r());
    });
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      /* already gone */
    }
    const t = setTimeout(() => this.child.kill(), 5000);
    await gone;
    clearTimeout(t);
    this.connection.dispose();
  }
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}
