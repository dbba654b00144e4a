/**
 * The main thread's side of the checker thread: starts it on first use, sends it each large
 * document's text once per version, and turns calls into promises. If the thread dies (out of
 * memory on a pathological file), pending calls fail with a message and the next call starts a
 * fresh one.
 */
import { Worker } from 'node:worker_threads';
import type { ConfigureMessage, FromChecker, ToChecker } from './checkerProtocol';

/** The checker's young generation (semi-spaces included): parses run a little slower, but 24 MiB less stays resident. */
const YOUNG_GENERATION_MB = 12;

export class CheckerThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly sent = new Map<string, number>();
  private config: ConfigureMessage | undefined;

  constructor(
    /** The bundle the main thread runs (out/server.js): nodeMain.ts runs the checker when not on the main thread. */
    private readonly file = __filename,
    private readonly maxHeapMb = 360,
  ) {}

  private post(m: ToChecker): void {
    this.thread().postMessage(m);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // The young generation capped here, whatever flags node was started with: left to V8 it grew to
    // 32 MiB of semi-spaces during the first parse of a 10,000-step runbook and stayed resident.
    const w = new Worker(this.file, {
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    w.unref();
    w.on('message', (m: FromChecker) => {
      const waiter = this.waiting.get(m.id);
      if (!waiter) return;
      this.waiting.delete(m.id);
      if ('error' in m) waiter.reject(new Error(m.error));
      else waiter.resolve(m.result);
    });
    const lost = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.sent.clear();
      for (const waiter of this.waiting.values()) waiter.reject(new Error(why));
      this.waiting.clear();
    };
    w.on('error', (e) => lost(`the checker stopped: ${e.message}`));
    w.on('exit', () => lost('the checker stopped'));
    this.worker = w;
    if (this.config) w.postMessage(this.config);
    return w;
  }

  configure(config: ConfigureMessage): void {
    this.config = config;
    this.worker?.postMessage(config);
  }

  /** Sends the text unless this version was sent already. */
  set(uri: string, version: number, text: string): void {
    if (this.worker && this.sent.get(uri) === version) return;
    this.post({ kind: 'set', uri, text });
    this.sent.set(uri, version);
  }

  holds(uri: string): boolean {
    return this.sent.has(uri);
  }

  forget(uri: string): void {
    if (!this.sent.delete(uri)) return;
    this.worker?.postMessage({ kind: 'forget', uri });
  }

  call<T>(method: string, uri: string, args: unknown[] = []): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ kind: 'call', id, method, uri, args });
    });
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
