/**
 * `npm run bench`: the performance benchmark of the language service and the LSP server, against
 * the floor (yaml + ajv alone) and against yaml-language-server, with the issue's targets.
 * Prints the tables and writes them to bench/results.json. See bench/README.md.
 *
 * No assertion here fails the run on a figure: targets are printed as met or missed.
 * BENCH_QUICK=1 runs far fewer repetitions (for trying the harness, not for figures).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { measureChecklist, type ChecklistFigures } from './checklist';
import { measurePerformanceII, ONLY } from './performanceII';
import { generateRunbook, type Runbook } from './generate';
import { fmt, ms, ratios, summarize, table, times } from './lib/stats';
import { measureService, type ServiceResult } from './service';
import {
  checkViolations,
  DEBOUNCE_MS,
  measureColdStart,
  measureEdits,
  measureMemory,
  measureOpen,
  OURS,
  PEER,
  peerInstalled,
  startBoth,
  TMP,
  type EditResult,
  type MemoryResult,
  type PairResult,
  type ViolationCheck,
} from './servers';

const ROOT = resolve(__dirname, '..');
const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = [100, 1_000, 10_000] as const;
type Size = (typeof SIZES)[number];

/** Repetitions per size. Fewer at 10,000 steps where one check by the peer takes seconds. */
const REPS: Record<
  Size,
  {
    serviceCold: number;
    serviceWarm: number;
    open: number;
    edits: number;
    completions: number;
    completionsAfterEdit: number;
  }
> = QUICK
  ? {
      100: { serviceCold: 3, serviceWarm: 5, open: 2, edits: 5, completions: 5, completionsAfterEdit: 3 },
      1000: { serviceCold: 3, serviceWarm: 5, open: 2, edits: 5, completions: 5, completionsAfterEdit: 3 },
      10000: { serviceCold: 2, serviceWarm: 5, open: 1, edits: 5, completions: 5, completionsAfterEdit: 3 },
    }
  : {
      100: { serviceCold: 20, serviceWarm: 40, open: 7, edits: 40, completions: 40, completionsAfterEdit: 30 },
      1000: { serviceCold: 10, serviceWarm: 40, open: 5, edits: 40, completions: 40, completionsAfterEdit: 30 },
      10000: { serviceCold: 5, serviceWarm: 30, open: 3, edits: 30, completions: 30, completionsAfterEdit: 10 },
    };
const COLD_START_REPS = QUICK ? 2 : 7;
const BURST_EDITS = 100;

const log = (s = '') => process.stdout.write(`${s}\n`);
const progress = (s: string) => process.stderr.write(`  … ${s}\n`);

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  return {
    nproc: availableParallelism(),
    cpu: model,
    ramGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Share of CPU time not idle across all cores over `ms`, from /proc/stat. */
async function cpuBusy(ms: number): Promise<number | undefined> {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      return { idle: f[3] + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return undefined;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return a && b && b.total > a.total ? 100 * (1 - (b.idle - a.idle) / (b.total - a.total)) : undefined;
}

/** The code measured: the commit, and the files of the server with changes not yet committed. */
function codeState(): { commit: string; uncommitted: string[] } {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trimEnd();
    } catch {
      return '';
    }
  };
  const uncommitted = git('status', '--porcelain', '--', 'server', 'esbuild.mjs')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3));
  return { commit: git('log', '-1', '--format=%h %s').slice(0, 100) || 'unknown', uncommitted };
}

function vsixSize(): { file?: string; bytes?: number } {
  const files = readdirSync(ROOT).filter((f) => f.endsWith('.vsix'));
  if (!files.length) return {};
  const newest = files.map((f) => ({ f, s: statSync(resolve(ROOT, f)) })).sort((a, b) => b.s.mtimeMs - a.s.mtimeMs)[0];
  return { file: newest.f, bytes: newest.s.size };
}

interface Target {
  target: string;
  figure: string;
  status: 'met' | 'missed' | 'n/a';
}

async function main(): Promise<void> {
  const started = performance.now();
  const m = machine();
  log(
    `Runbook Studio benchmark — ${new Date().toISOString()}${QUICK ? '  [BENCH_QUICK: few repetitions, figures not meaningful]' : ''}`,
  );
  log(`Machine: ${m.nproc} cores, ${m.cpu}, ${m.ramGiB} GiB RAM, node ${m.node} (${m.platform})`);
  const loadBefore = loadavg().map((x) => Number(x.toFixed(2)));
  const busyBefore = await cpuBusy(1000);
  log(
    `Before the run: CPU ${busyBefore === undefined ? '?' : `${busyBefore.toFixed(0)}%`} busy over 1 s, load average ${loadBefore.join(' ')}${(busyBefore ?? 0) > 10 ? '  (something else is running: figures will be noisier)' : ''}`,
  );
  const code = codeState();
  log(
    `Code: ${code.commit}${code.uncommitted.length ? ` + uncommitted changes in ${code.uncommitted.join(', ')}` : ''}`,
  );
  log(
    `Peer: ${PEER.label} (debounce ${DEBOUNCE_MS.peer} ms, fixed); ours: debounce ${DEBOUNCE_MS.ours} ms (RUNBOOK_DEBOUNCE_MS).`,
  );
  log(
    'All times in ms: median (p95, min–max, n). Ratios are taken pair by pair within the same repetition, then the median.',
  );
  if (!peerInstalled()) throw new Error('yaml-language-server is not installed: run npm install');

  if (ONLY) {
    // A part of the run (BENCH_ONLY, BENCH_SIZES; see performanceII.ts): printed, and written to
    // bench/tmp/results-only.json, never over results.json.
    mkdirSync(TMP, { recursive: true });
    const part = await measurePerformanceII(progress);
    for (const line of part.lines) log(line);
    log();
    log(`Targets of this part (BENCH_ONLY=${[...ONLY].join(',')})`);
    log(table([['target', 'figure', 'status'], ...part.targets.map((t) => [t.target, t.figure, t.status])]));
    log(
      `   Load average after the run: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    writeFileSync(
      resolve(TMP, 'results-only.json'),
      `${JSON.stringify({ generatedAt: new Date().toISOString(), code, only: [...ONLY], loadBefore, ...part.results }, null, 2)}\n`,
    );
    return;
  }

  // 1. Runbooks.
  mkdirSync(TMP, { recursive: true });
  const books = new Map<Size, { clean: Runbook; bad: Runbook }>();
  for (const n of SIZES) {
    const clean = generateRunbook(n, false);
    const bad = generateRunbook(n, true);
    writeFileSync(resolve(TMP, `runbook-${n}.runbook.yaml`), clean.text);
    writeFileSync(resolve(TMP, `runbook-${n}-violations.runbook.yaml`), bad.text);
    books.set(n, { clean, bad });
  }
  log();
  log(
    'Runbooks (bench/tmp/): ' +
      SIZES.map((n) => {
        const b = books.get(n)!;
        return `${n.toLocaleString('en')} steps ${(b.clean.text.length / 1024).toFixed(0)} KiB (${b.clean.text.split('\n').length - 1} lines), 1% file: ${b.bad.violations} mistake${b.bad.violations === 1 ? '' : 's'}`;
      }).join('; '),
  );

  // 2. The service in process.
  progress('language service in process');
  const service = new Map<Size, ServiceResult>();
  for (const n of SIZES) {
    const { clean, bad } = books.get(n)!;
    service.set(n, measureService(clean, bad, { cold: REPS[n].serviceCold, warm: REPS[n].serviceWarm }));
  }
  log();
  log('1. Language service in process: createLanguageService().analyze (parse + schema + rules) against the floor');
  log('   floor = yaml parseDocument(whole text) + ajv validate(doc.toJS()) with the shipped schema compiled once');
  log(
    table([
      [
        'steps',
        'floor',
        'cold analyze (fresh service)',
        'cold/floor',
        'warm analyze (1-char edit)',
        'warm/floor',
        'diagnostics clean / 1%',
      ],
      ...SIZES.map((n) => {
        const s = service.get(n)!;
        return [
          n.toLocaleString('en'),
          fmt(s.floor),
          fmt(s.cold),
          times(s.coldOverFloor.median),
          fmt(s.warm),
          times(s.warmOverFloor.median),
          `${s.cleanDiagnostics} / ${s.violationDiagnostics}`,
        ];
      }),
    ]),
  );
  const first = service.get(100)!.firstCallMs;
  log(
    `   First analyze in the process (100 steps; compiles the schema, cold JIT): ${first === undefined ? '–' : ms(first)} ms. ajv alone on the 1% texts: ${SIZES.map((n) => service.get(n)!.floorSchemaErrors).join(' / ')} schema errors.`,
  );
  const dirty = SIZES.filter((n) => service.get(n)!.cleanDiagnostics !== 0);
  log(
    dirty.length
      ? `   WARNING: the clean runbooks of ${dirty.join(', ')} steps have diagnostics.`
      : '   The clean runbooks lint clean (0 diagnostics) at every size.',
  );

  // 3. Over stdio, side by side.
  const lsp = new Map<Size, { open: PairResult; edits: EditResult; violations: ViolationCheck }>();
  for (const n of SIZES) {
    progress(`stdio, ${n} steps`);
    const { clean, bad } = books.get(n)!;
    const both = await startBoth();
    try {
      const violations = await checkViolations(both, bad);
      const open = await measureOpen(both, clean, REPS[n].open);
      const edits = await measureEdits(both, clean, REPS[n].edits, REPS[n].completions, REPS[n].completionsAfterEdit);
      lsp.set(n, { open, edits, violations });
    } finally {
      await both.ours.stop();
      await both.peer.stop();
    }
  }
  const speedUp = (r: PairResult) => ratios(r.peerRaw, r.oursRaw);
  log();
  log(`2. Over stdio, side by side: ours = ${OURS.label}, peer = ${PEER.label}; speed-up x = peer/ours`);
  const rows: string[][] = [['steps', 'measure', 'ours', 'peer', 'ours/peer', 'speed-up x']];
  for (const n of SIZES) {
    const r = lsp.get(n)!;
    const add = (label: string, p: PairResult) =>
      rows.push([
        n.toLocaleString('en'),
        label,
        fmt(p.ours),
        fmt(p.peer),
        ratios(p.oursRaw, p.peerRaw).median.toFixed(3),
        times(speedUp(p).median),
      ]);
    add('didOpen → first diagnostics', r.open);
    add('1-char edit → its diagnostics', r.edits);
    const minus = (xs: number[], d: number) => xs.map((x) => x - d);
    const net = {
      oursRaw: minus(r.edits.oursRaw, DEBOUNCE_MS.ours),
      peerRaw: minus(r.edits.peerRaw, DEBOUNCE_MS.peer),
    } as PairResult;
    rows.push([
      n.toLocaleString('en'),
      '  same, minus each debounce (approx.)',
      fmt(summarize(net.oursRaw)),
      fmt(summarize(net.peerRaw)),
      ratios(net.oursRaw, net.peerRaw).median.toFixed(3),
      times(ratios(net.peerRaw, net.oursRaw).median),
    ]);
    add('completion at an action: value', r.edits.completion);
    add('  same, sent right after a 1-char edit', r.edits.completionAfterEdit);
  }
  log(table(rows));
  for (const n of SIZES) {
    const r = lsp.get(n)!;
    log(
      `   ${n.toLocaleString('en')}: edit diagnostics matched by ${r.edits.matchedBy.ours} (ours), ${r.edits.matchedBy.peer} (peer); publishes left over: ${r.edits.leftover.ours} / ${r.edits.leftover.peer}; completion items ${r.edits.completion.items.ours} / ${r.edits.completion.items.peer}; 1% file (${r.violations.mistakes} mistake${r.violations.mistakes === 1 ? '' : 's'}): ours ${r.violations.ours.diagnostics} diagnostics, peer ${r.violations.peer.diagnostics} (flags ${r.violations.peer.unknownActionsFlagged} of ${r.violations.peer.unknownActions} unknown actions${r.violations.peer.sample ? `: "${r.violations.peer.sample}…"` : ''})`,
    );
  }

  // 4. Outline at 10,000 steps.
  const sym = lsp.get(10_000)!.edits.symbols;
  log();
  log('3. Document symbols (outline) at 10,000 steps: steps with a symbol on their `- id:` line');
  log(
    table([
      ['server', 'steps listed', 'symbols (top level / all)', 'time ms'],
      [
        'ours',
        `${sym.ours.stepsListed} of ${sym.ours.steps}`,
        `${sym.ours.topLevel} / ${sym.ours.total}`,
        ms(sym.ours.ms),
      ],
      [
        'peer',
        `${sym.peer.stepsListed} of ${sym.peer.steps}`,
        `${sym.peer.topLevel} / ${sym.peer.total}`,
        ms(sym.peer.ms),
      ],
    ]),
  );

  // 5. Memory and cold start.
  progress('memory at 10,000 steps');
  const big = books.get(10_000)!.clean;
  const memory = {
    ours: await measureMemory(OURS, big, BURST_EDITS),
    peer: await measureMemory(PEER, big, BURST_EDITS),
  };
  progress('cold start');
  const cold = await measureColdStart(COLD_START_REPS);
  const vsix = vsixSize();
  const mib = (x?: number) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(1));
  const memRow = (name: string, r: MemoryResult) => [
    name,
    mib(r.afterOpen?.rssMiB),
    mib(r.peakRssDuringBurstMiB),
    mib(r.afterBurst?.rssMiB),
    mib(r.afterBurst?.hwmMiB),
    ms(r.burstMs),
  ];
  log();
  log(
    `4. Server memory at 10,000 steps (MiB): fresh server, open, then ${BURST_EDITS} edits 20 ms apart, until the last edit's diagnostics`,
  );
  log(
    table([
      [
        'server',
        'VmRSS after open',
        'peak VmRSS in burst',
        'VmRSS after burst',
        'VmHWM (peak) after burst',
        'burst ms',
      ],
      memRow('ours', memory.ours),
      memRow('peer', memory.peer),
    ]),
  );
  log();
  log(
    `5. Cold start, spawn → initialize answer: ours ${fmt(cold.ours)}, peer ${fmt(cold.peer)}, speed-up ${times(speedUp(cold).median)}`,
  );
  log(`   .vsix: ${vsix.bytes === undefined ? 'not built yet' : `${vsix.file} ${(vsix.bytes / 1024).toFixed(0)} KiB`}`);

  // 6. Growth.
  log();
  log('6. Growth of ours, 100 → 1,000 → 10,000 steps (per-step cost in µs = median / steps)');
  const growthRows = [['steps', 'edit → diagnostics', 'µs/step', 'cold analyze', 'µs/step', 'warm analyze', 'µs/step']];
  for (const n of SIZES) {
    const e = lsp.get(n)!.edits.ours.median;
    const s = service.get(n)!;
    const per = (x: number) => ((x * 1000) / n).toFixed(1);
    growthRows.push([
      n.toLocaleString('en'),
      ms(e),
      per(e),
      ms(s.cold.median),
      per(s.cold.median),
      ms(s.warm.median),
      per(s.warm.median),
    ]);
  }
  log(table(growthRows));
  const factor = (a: number, b: number) => b / a;
  const editGrowth = factor(lsp.get(1000)!.edits.ours.median, lsp.get(10_000)!.edits.ours.median);
  const coldGrowth = factor(service.get(1000)!.cold.median, service.get(10_000)!.cold.median);
  const warmGrowth = factor(service.get(1000)!.warm.median, service.get(10_000)!.warm.median);
  log(
    `   1,000 → 10,000 (10x the steps): edit → diagnostics x${editGrowth.toFixed(1)}, cold analyze x${coldGrowth.toFixed(1)}, warm analyze x${warmGrowth.toFixed(1)}. Linear means ≤ x15 (10x with 50% slack).`,
  );

  // 7. Checklist hook.
  const checklist: ChecklistFigures = await measureChecklist();
  log();
  log(
    `7. Checklist: ${checklist.skipped ? checklist.note : `tick → record ${fmt(checklist.tickToRecord)}, first render of 2,000 steps ${fmt(checklist.firstRender2000)}`}`,
  );

  // 8. Targets.
  const e1k = lsp.get(1000)!.edits;
  const e10k = lsp.get(10_000)!.edits;
  const status = (ok: boolean): Target['status'] => (ok ? 'met' : 'missed');
  const maxMem = Math.max(memory.ours.afterBurst?.hwmMiB ?? Infinity, memory.ours.peakRssDuringBurstMiB);
  const targets: Target[] = [
    {
      target: 'edit → diagnostics p95 ≤ 60 ms at 1,000 steps',
      figure: `p95 ${ms(e1k.ours.p95)} ms`,
      status: status(e1k.ours.p95 <= 60),
    },
    {
      target: 'edit → diagnostics p95 ≤ 150 ms at 10,000 steps',
      figure: `p95 ${ms(e10k.ours.p95)} ms`,
      status: status(e10k.ours.p95 <= 150),
    },
    {
      target: '≥ 4x faster than yaml-language-server at 1,000 steps (edit → diagnostics)',
      figure: `speed-up ${times(speedUp(e1k).median)}`,
      status: status(speedUp(e1k).median >= 4),
    },
    {
      target: '≥ 4x faster than yaml-language-server at 10,000 steps (edit → diagnostics)',
      figure: `speed-up ${times(speedUp(e10k).median)}`,
      status: status(speedUp(e10k).median >= 4),
    },
    {
      target: 'completion p95 ≤ 20 ms at 10,000 steps',
      figure: `p95 ${ms(e10k.completion.ours.p95)} ms (${e10k.completion.items.ours} items; right after an edit: p95 ${ms(e10k.completionAfterEdit.ours.p95)})`,
      status: status(e10k.completion.ours.p95 <= 20),
    },
    {
      target: 'outline lists every step at 10,000 steps',
      figure: `${sym.ours.stepsListed} of ${sym.ours.steps}`,
      status: status(sym.ours.stepsListed === sym.ours.steps),
    },
    {
      target: 'server memory ≤ 150 MiB at 10,000 steps, also during 100 edits',
      figure: `peak ${mib(maxMem)} MiB (VmHWM)`,
      status: status(maxMem <= 150),
    },
    {
      target: 'linear growth 1,000 → 10,000 (edit → diagnostics and cold analyze ≤ x15)',
      figure: `x${editGrowth.toFixed(1)} / x${coldGrowth.toFixed(1)}`,
      status: status(editGrowth <= 15 && coldGrowth <= 15),
    },
    {
      target: '.vsix ≤ 1 MB',
      figure: vsix.bytes === undefined ? 'not built yet' : `${(vsix.bytes / 1e6).toFixed(2)} MB`,
      status: vsix.bytes === undefined ? 'n/a' : status(vsix.bytes <= 1e6),
    },
    {
      target: 'checklist: tick → record on disk ≤ 20 ms',
      figure: checklist.tickToRecord ? `${ms(checklist.tickToRecord.median)} ms` : 'skipped',
      status: checklist.tickToRecord ? status(checklist.tickToRecord.median <= 20) : 'n/a',
    },
    {
      target: 'checklist: webview first render of 2,000 steps ≤ 300 ms',
      figure: checklist.firstRender2000 ? `${ms(checklist.firstRender2000.median)} ms` : 'skipped',
      status: checklist.firstRender2000 ? status(checklist.firstRender2000.median <= 300) : 'n/a',
    },
  ];
  // 9–12. Performance II: the many-findings family, fresh servers, memory, the checklist at scale.
  const perf2 = await measurePerformanceII(progress, new Map(SIZES.map((n) => [n, lsp.get(n)!.edits])), memory.ours);
  for (const line of perf2.lines) log(line);
  targets.push(...perf2.targets);

  log();
  log('8. Targets (with those of sections 9–12)');
  log(table([['target', 'figure', 'status'], ...targets.map((t) => [t.target, t.figure, t.status])]));
  const missed = targets.filter((t) => t.status === 'missed').length;
  if (missed) log(`   ${missed} missed. CPU profile of the 10,000-step edit loop: node --import tsx bench/profile.ts`);
  const seconds = (performance.now() - started) / 1000;
  const loadAfter = loadavg().map((x) => Number(x.toFixed(2)));
  log(`   Load average after the run: ${loadAfter.join(' ')} (this run itself keeps about 2 processes busy).`);
  log(
    `   Total run time ${seconds.toFixed(0)} s. Repetitions: ${SIZES.map((n) => `${n}: service cold ${REPS[n].serviceCold}, warm ${REPS[n].serviceWarm}; open ${REPS[n].open}, edits ${REPS[n].edits}, completions ${REPS[n].completions} + ${REPS[n].completionsAfterEdit} after an edit`).join(' | ')}; cold start ${COLD_START_REPS}.`,
  );

  const strip = (p: PairResult) => ({
    ours: p.ours,
    peer: p.peer,
    oursOverPeer: ratios(p.oursRaw, p.peerRaw),
    speedUp: speedUp(p),
    oursRaw: p.oursRaw,
    peerRaw: p.peerRaw,
  });
  const results = {
    generatedAt: new Date().toISOString(),
    quick: QUICK,
    machine: m,
    code,
    loadAverage: { before: loadBefore, after: loadAfter },
    cpuBusyBeforePercent: busyBefore,
    runSeconds: Math.round(seconds),
    peer: { name: PEER.label, debounceMs: DEBOUNCE_MS.peer, settings: PEER.sections },
    oursDebounceMs: DEBOUNCE_MS.ours,
    repetitions: { ...REPS, coldStart: COLD_START_REPS, burstEdits: BURST_EDITS },
    runbooks: Object.fromEntries(
      SIZES.map((n) => {
        const b = books.get(n)!;
        return [
          n,
          {
            bytes: b.clean.text.length,
            lines: b.clean.text.split('\n').length - 1,
            mistakes: b.bad.violations,
            kinds: [...new Set(b.bad.kinds)],
          },
        ];
      }),
    ),
    service: Object.fromEntries(SIZES.map((n) => [n, service.get(n)])),
    stdio: Object.fromEntries(
      SIZES.map((n) => {
        const r = lsp.get(n)!;
        const { completion, completionAfterEdit, symbols, matchedBy, leftover, memoryAfter } = r.edits;
        return [
          n,
          {
            open: strip(r.open),
            edit: strip(r.edits),
            completion: { ...strip(completion), items: completion.items },
            completionAfterEdit: strip(completionAfterEdit),
            symbols,
            matchedBy,
            leftover,
            memoryAfterEdits: memoryAfter,
            violations: r.violations,
          },
        ];
      }),
    ),
    memory10000: memory,
    coldStart: strip(cold),
    vsix: vsix.bytes === undefined ? 'not built yet' : vsix,
    growth: { editToDiagnostics1kTo10k: editGrowth, coldAnalyze1kTo10k: coldGrowth, warmAnalyze1kTo10k: warmGrowth },
    checklist,
    performanceII: perf2.results,
    targets,
  };
  writeFileSync(
    resolve(ROOT, 'bench/results.json'),
    `${JSON.stringify(results, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(3)) : v), 2)}\n`,
  );
  log('   Written to bench/results.json.');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
