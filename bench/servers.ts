/**
 * Over stdio, side by side in the same run: our server against yaml-language-server with the
 * shipped schema. Every figure is measured on both, one repetition of ours then one of the peer,
 * so ratios are taken pair by pair.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Runbook } from './generate';
import { fileUri, LspClient, type Publish, type ServerSpec } from './lib/lsp';
import { cpuMsOf, memoryOf, sampleRss, type Memory } from './lib/proc';
import { sleep, summarize, type Summary } from './lib/stats';

const ROOT = resolve(__dirname, '..');
export const TMP = resolve(ROOT, 'bench/tmp');
const SCHEMA_URL = fileUri(resolve(ROOT, 'schemas/runbook.schema.json'));
/** Generous: a 10,000-step check by the peer takes seconds. */
const TIMEOUT_MS = 120_000;

/** Our server's V8 code cache (node/codeCache.ts), private to the bench and emptied by each run. */
export const CODE_CACHE_DIR = resolve(TMP, 'code-cache');

export const OURS: ServerSpec = {
  name: 'ours',
  label: 'Runbook Studio (out/server.js)',
  script: resolve(ROOT, 'out/server.js'),
  args: ['--stdio'],
  languageId: 'runbook',
  sections: { runbook: {} },
  env: { RUNBOOK_CODE_CACHE_DIR: CODE_CACHE_DIR },
};

/** Ours as on its very first start after an install or update: no code cache yet. */
export const OURS_FIRST_START: ServerSpec = {
  ...OURS,
  name: 'ours, no code cache',
  label: 'Runbook Studio, first start (RUNBOOK_CODE_CACHE=0)',
  env: { RUNBOOK_CODE_CACHE: '0' },
};

/**
 * yaml-language-server with the shipped schema for *.runbook.yaml. `schemaStore.enable: false`
 * because this machine has no internet: with it on, the server first tries to download the
 * schemastore.org catalogue. The rest are the settings the issue asks for.
 */
export const PEER: ServerSpec = {
  name: 'peer',
  label: 'yaml-language-server 2.0.0',
  script: resolve(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'),
  args: ['--stdio'],
  languageId: 'yaml',
  sections: {
    yaml: {
      schemas: { [SCHEMA_URL]: ['*.runbook.yaml'] },
      validate: true,
      completion: true,
      hover: true,
      schemaStore: { enable: false },
    },
  },
};

/**
 * Pause after each measured operation before the next one (of either server): lets background
 * work that follows an answer (V8's concurrent GC threads, mostly the peer's) finish, so that on
 * this 2-core machine one server's aftermath is not timed as the other's latency.
 */
const SETTLE_MS = 50;

/** Debounce before each server checks a changed document (ours: RUNBOOK_DEBOUNCE_MS, default 15; peer: validationDelayMs, fixed 200). */
export const DEBOUNCE_MS = { ours: Number(process.env.RUNBOOK_DEBOUNCE_MS ?? 15), peer: 200 };

export function peerInstalled(): boolean {
  return existsSync(PEER.script);
}

export async function startBoth(): Promise<{ ours: LspClient; peer: LspClient }> {
  const rootUri = fileUri(TMP);
  const ours = await LspClient.start(OURS, { rootUri, cwd: TMP });
  const peer = await LspClient.start(PEER, { rootUri, cwd: TMP });
  await Promise.all([ours.configured(), peer.configured()]);
  await sleep(200);
  return { ours, peer };
}

/**
 * The diagnostics of `version`. A server that sends `version` (ours) is matched on it. One that
 * omits it (the peer) is matched on order: the first publish for the uri after the change was
 * sent. That is exact here because every edit waits for its diagnostics before the next one is
 * sent, and the run checks afterwards that no publish was left over (see `checkQuiet`).
 */
function diagnosticsOf(client: LspClient, uri: string, version: number): Promise<Publish> {
  const after = client.lastSeq;
  return client.nextPublish(
    (p) => p.uri === uri && (p.version !== undefined ? p.version === version : p.seq > after),
    TIMEOUT_MS,
  );
}

async function timeOpen(client: LspClient, uri: string, text: string): Promise<{ ms: number; publish: Publish }> {
  const wait = diagnosticsOf(client, uri, 1);
  const t0 = performance.now();
  await client.open(uri, text, 1);
  const publish = await wait;
  return { ms: publish.at - t0, publish };
}

export interface PairResult {
  ours: Summary;
  peer: Summary;
  oursRaw: number[];
  peerRaw: number[];
}

function pair(ours: number[], peer: number[]): PairResult {
  return { ours: summarize(ours), peer: summarize(peer), oursRaw: ours, peerRaw: peer };
}

/** didOpen → first diagnostics, each repetition on a new uri (the peer caches parses by uri and version). */
export async function measureOpen(
  both: { ours: LspClient; peer: LspClient },
  rb: Runbook,
  reps: number,
): Promise<PairResult> {
  const o: number[] = [];
  const p: number[] = [];
  for (let r = 0; r < reps; r++) {
    for (const [client, out] of [
      [both.ours, o],
      [both.peer, p],
    ] as const) {
      const uri = fileUri(resolve(TMP, `open-${rb.steps}-${client.spec.name}-${r + 1}.runbook.yaml`));
      out.push((await timeOpen(client, uri, rb.text)).ms);
      await client.close(uri);
      await sleep(50);
    }
  }
  return pair(o, p);
}

export interface EditResult extends PairResult {
  /** How each server's diagnostics were matched to the edit. */
  matchedBy: { ours: string; peer: string };
  /** Publishes that arrived with no edit waiting for them (must be 0 for order matching to be exact). */
  leftover: { ours: number; peer: number };
  completion: PairResult & { items: { ours: number; peer: number } };
  /** Completion asked right after a one-character edit, before its diagnostics: what typing `action: ` costs. */
  completionAfterEdit: PairResult;
  symbols: { ours: SymbolCount; peer: SymbolCount };
  memoryAfter: { ours?: Memory; peer?: Memory };
}

export interface SymbolCount {
  ms: number;
  topLevel: number;
  total: number;
  stepsListed: number;
  steps: number;
}

/** Counts symbols (recursively) and how many steps have a symbol starting on their `- id:` line. */
function countSymbols(result: unknown, rb: Runbook, ms: number): SymbolCount {
  const stepLines = new Set(rb.stepLines);
  const listed = new Set<number>();
  let total = 0;
  const visit = (s: {
    range?: { start: { line: number } };
    selectionRange?: { start: { line: number } };
    location?: { range: { start: { line: number } } };
    children?: unknown[];
  }) => {
    total++;
    for (const r of [s.range, s.selectionRange, s.location?.range])
      if (r && stepLines.has(r.start.line)) listed.add(r.start.line);
    for (const c of s.children ?? []) visit(c as never);
  };
  const list = Array.isArray(result) ? result : [];
  for (const s of list) visit(s);
  return { ms, topLevel: list.length, total, stepsListed: listed.size, steps: rb.steps };
}

/**
 * One document open in both servers, then `edits` one-character edits (a character in the title of
 * the middle step, toggled), each waiting for the diagnostics of its version; then completion at an
 * `action:` value on the unchanged document; then completion sent right after an edit (as when
 * typing), each still waiting for its diagnostics before the next; then the document outline.
 */
export async function measureEdits(
  both: { ours: LspClient; peer: LspClient },
  rb: Runbook,
  edits: number,
  completions: number,
  completionsAfterEdit: number,
): Promise<EditResult> {
  const clients = [both.ours, both.peer];
  const uri = fileUri(resolve(TMP, `edit-${rb.steps}.runbook.yaml`));
  for (const c of clients) await timeOpen(c, uri, rb.text);
  await sleep(DEBOUNCE_MS.peer + 300);
  const seqBefore = clients.map((c) => c.lastSeq);

  const times: number[][] = [[], []];
  const at = { line: rb.edit.line, character: rb.edit.character };
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const ch = i % 2 === 0 ? rb.edit.replacement : rb.edit.original;
    for (const [k, c] of clients.entries()) {
      const wait = diagnosticsOf(c, uri, version);
      const t0 = performance.now();
      await c.change(uri, version, at, 1, ch);
      times[k].push((await wait).at - t0);
      await sleep(SETTLE_MS);
    }
  }
  await sleep(DEBOUNCE_MS.peer + 500);
  const leftover = clients.map(
    (c, k) => c.publishes.filter((p) => p.uri === uri && p.seq > seqBefore[k]).length - edits,
  );

  const comp: number[][] = [[], []];
  const items = [0, 0];
  const position = rb.completion;
  for (let i = 0; i < completions; i++) {
    for (const [k, c] of clients.entries()) {
      const t0 = performance.now();
      const res = await c.request<{ items: unknown[] } | unknown[] | null>('textDocument/completion', {
        textDocument: { uri },
        position,
      });
      comp[k].push(performance.now() - t0);
      items[k] = Array.isArray(res) ? res.length : (res?.items?.length ?? 0);
      await sleep(SETTLE_MS);
    }
  }

  // Completion right after an edit: the server has to bring its model up to date first.
  const compEdit: number[][] = [[], []];
  for (let i = 0; i < completionsAfterEdit; i++) {
    const version = edits + i + 2;
    const ch = (edits + i) % 2 === 0 ? rb.edit.replacement : rb.edit.original;
    for (const [k, c] of clients.entries()) {
      const wait = diagnosticsOf(c, uri, version);
      const t0 = performance.now();
      void c.change(uri, version, at, 1, ch);
      await c.request('textDocument/completion', { textDocument: { uri }, position });
      compEdit[k].push(performance.now() - t0);
      await wait;
      await sleep(SETTLE_MS);
    }
  }

  const symbols: SymbolCount[] = [];
  for (const c of clients) {
    const t0 = performance.now();
    const res = await c.request<unknown>('textDocument/documentSymbol', { textDocument: { uri } });
    symbols.push(countSymbols(res, rb, performance.now() - t0));
  }
  const memoryAfter = { ours: memoryOf(both.ours.pid), peer: memoryOf(both.peer.pid) };
  for (const c of clients) await c.close(uri);
  const usedVersion = (c: LspClient) =>
    c.publishes.some((p) => p.uri === uri && p.version !== undefined) ? 'version field' : 'order (no version field)';
  return {
    ...pair(times[0], times[1]),
    matchedBy: { ours: usedVersion(both.ours), peer: usedVersion(both.peer) },
    leftover: { ours: leftover[0], peer: leftover[1] },
    completion: { ...pair(comp[0], comp[1]), items: { ours: items[0], peer: items[1] } },
    completionAfterEdit: pair(compEdit[0], compEdit[1]),
    symbols: { ours: symbols[0], peer: symbols[1] },
    memoryAfter,
  };
}

export interface ViolationCheck {
  mistakes: number;
  ours: { diagnostics: number; codes: Record<string, number> };
  /** Unknown actions in the file, and how many of them the peer flags on their line. */
  peer: { diagnostics: number; unknownActions: number; unknownActionsFlagged: number; sample?: string };
}

/** Opens the 1% file in both: the peer must really report schema errors for the comparison to be fair. */
export async function checkViolations(
  both: { ours: LspClient; peer: LspClient },
  rb: Runbook,
): Promise<ViolationCheck> {
  const uri = fileUri(resolve(TMP, `violations-${rb.steps}.runbook.yaml`));
  const [o, p] = [await timeOpen(both.ours, uri, rb.text), await timeOpen(both.peer, uri, rb.text)];
  for (const c of [both.ours, both.peer]) await c.close(uri);
  const codes: Record<string, number> = {};
  for (const d of o.publish.diagnostics) codes[String(d.code)] = (codes[String(d.code)] ?? 0) + 1;
  const lines = rb.text.split('\n');
  const unknownLines = lines.flatMap((l, i) =>
    /^\s+action: (database\.mout|backup\.verify-logs|database\.verify-mount)$/.test(l) ? [i] : [],
  );
  const flagged = unknownLines.filter((line) => p.publish.diagnostics.some((d) => d.range.start.line === line));
  const sample = p.publish.diagnostics.find((d) => unknownLines.includes(d.range.start.line))?.message.slice(0, 80);
  return {
    mistakes: rb.violations,
    ours: { diagnostics: o.publish.diagnostics.length, codes },
    peer: {
      diagnostics: p.publish.diagnostics.length,
      unknownActions: unknownLines.length,
      unknownActionsFlagged: flagged.length,
      sample,
    },
  };
}

export interface MemoryResult {
  afterOpen?: Memory;
  /** Largest VmRSS sampled every 10 ms during the burst, until the last edit's diagnostics. */
  peakRssDuringBurstMiB: number;
  afterBurst?: Memory;
  burstMs: number;
  samples: number;
}

/**
 * A fresh server opens the file, then gets 100 edits 20 ms apart (fast typing), then the run waits
 * for the diagnostics of the last one. Each server runs alone so neither takes the other's CPU.
 */
export async function measureMemory(spec: ServerSpec, rb: Runbook, edits = 100, gapMs = 20): Promise<MemoryResult> {
  const client = await LspClient.start(spec, { rootUri: fileUri(TMP), cwd: TMP });
  try {
    await client.configured();
    const uri = fileUri(resolve(TMP, `memory-${rb.steps}.runbook.yaml`));
    await timeOpen(client, uri, rb.text);
    await sleep(DEBOUNCE_MS.peer + 300);
    const afterOpen = memoryOf(client.pid);
    const sampler = sampleRss(client.pid, 10);
    const t0 = performance.now();
    const at = { line: rb.edit.line, character: rb.edit.character };
    let wait: Promise<Publish> | undefined;
    for (let i = 0; i < edits; i++) {
      const version = i + 2;
      if (i === edits - 1) wait = diagnosticsOf(client, uri, version);
      await client.change(uri, version, at, 1, i % 2 === 0 ? rb.edit.replacement : rb.edit.original);
      await sleep(gapMs);
    }
    await wait;
    const burstMs = performance.now() - t0;
    const { peakRssMiB, samples } = sampler.stop();
    return { afterOpen, peakRssDuringBurstMiB: peakRssMiB, afterBurst: memoryOf(client.pid), burstMs, samples };
  } finally {
    await client.stop();
  }
}

/** Spawn → answer to `initialize`, alternating the two servers. */
export async function measureColdStart(reps: number): Promise<PairResult> {
  const o: number[] = [];
  const p: number[] = [];
  for (let r = 0; r < reps; r++) {
    for (const [spec, out] of [
      [OURS, o],
      [PEER, p],
    ] as const) {
      const c = await LspClient.start(spec, { rootUri: fileUri(TMP), cwd: TMP });
      out.push(c.initializeMs);
      await c.stop();
    }
  }
  return pair(o, p);
}

export interface FreshOpen {
  /** Spawn → answer to `initialize`. */
  initialize: number[];
  /** didOpen (sent right after `initialized`, as an editor does) → first diagnostics. */
  open: number[];
  /** Spawn → first diagnostics. */
  total: number[];
  /** CPU time of the server process (all its threads) from spawn to its first diagnostics. */
  cpu: number[];
}

/**
 * The first file a user opens: a fresh server per repetition and per server (alternating), timed
 * from the spawn to the initialize answer, then from didOpen to its first diagnostics. Nothing is
 * warm: not the JIT, not a cache, not a compiled schema.
 */
export async function measureFreshOpen(
  rb: Runbook,
  reps: number,
  specs: ServerSpec[] = [OURS, PEER],
): Promise<Map<string, FreshOpen>> {
  const out = new Map<string, FreshOpen>(specs.map((s) => [s.name, { initialize: [], open: [], total: [], cpu: [] }]));
  // Our code cache is written by the first server that checks a file, as after an install: that
  // start is not counted (OURS_FIRST_START measures it), the repetitions then start with a cache.
  if (specs.includes(OURS) && !existsSync(CODE_CACHE_DIR)) {
    const warm = await LspClient.start(OURS, { rootUri: fileUri(TMP), cwd: TMP });
    await timeOpen(warm, fileUri(resolve(TMP, `fresh-warm-up.runbook.yaml`)), rb.text);
    await sleep(300);
    await warm.stop();
  }
  for (let r = 0; r < reps; r++) {
    for (const spec of specs) {
      const t0 = performance.now();
      const client = await LspClient.start(spec, { rootUri: fileUri(TMP), cwd: TMP });
      try {
        const uri = fileUri(resolve(TMP, `fresh-${rb.steps}-${spec.name}.runbook.yaml`));
        const { ms, publish } = await timeOpen(client, uri, rb.text);
        const cpu = cpuMsOf(client.pid);
        const o = out.get(spec.name)!;
        o.cpu.push(cpu);
        o.initialize.push(client.initializeMs);
        o.open.push(ms);
        o.total.push(publish.at - t0);
      } finally {
        await client.stop();
      }
      await sleep(SETTLE_MS);
    }
  }
  return out;
}
