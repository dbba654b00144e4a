/**
 * The figures of "Performance II" (`npm run bench`, sections 9–12; see bench/README.md):
 *
 *   9.  the second family of runbooks, with many findings (bench/generate.ts,
 *       `generateMessyRunbook`): edit → diagnostics side by side with the peer;
 *   10. the first file a user opens: a fresh server per repetition for both servers and both
 *       families, spawn → initialize answer → first diagnostics;
 *   11. server memory at 10,000 steps on the second family (the first is section 4);
 *   12. the checklist at 2,000 and 10,000 steps: open (server plan, extension host), tick, `run
 *       status`, `report` (cached plan and first run), each target at both sizes; the e2e long-task probe.
 *
 * Returns printable lines, the raw figures (for results.json) and the targets, met or missed.
 */
import { rmSync } from 'node:fs';
import { checklistSection, measureChecklistScale, type ScaleFigures } from './checklistScale';
import { generateMessyRunbook, generateRunbook, type Runbook } from './generate';
import { fmt, ms, ratios, summarize, table, times } from './lib/stats';
import {
  measureEdits,
  measureFreshOpen,
  measureMemory,
  CODE_CACHE_DIR,
  OURS,
  OURS_FIRST_START,
  PEER,
  startBoth,
  type EditResult,
  type FreshOpen,
  type MemoryResult,
} from './servers';

const QUICK = process.env.BENCH_QUICK === '1';
/**
 * While working on one figure: `BENCH_ONLY=fresh,edits` runs only those sections (`edits` = 9,
 * `fresh` = 10, `memory` = 11, `checklist` = 12; run.ts then skips sections 1–8 and section 9
 * measures the clean family's edits too), `BENCH_SIZES=100,1000` only those sizes.
 */
export const ONLY = process.env.BENCH_ONLY
  ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim()))
  : undefined;
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [100, 1_000, 10_000];
const runs = (section: string) => !ONLY || ONLY.has(section);
const EDITS: Record<number, number> = QUICK ? { 100: 5, 1000: 5, 10000: 3 } : { 100: 30, 1000: 30, 10000: 15 };
const FRESH_REPS: Record<number, number> = QUICK ? { 100: 1, 1000: 1, 10000: 1 } : { 100: 5, 1000: 5, 10000: 3 };
const CHECKLIST_REPS = QUICK ? 1 : 3;

export interface PerfTarget {
  target: string;
  figure: string;
  status: 'met' | 'missed' | 'n/a';
}

type Family = 'clean' | 'many findings';
const FAMILIES: Family[] = ['clean', 'many findings'];

function book(family: Family, n: number): Runbook {
  return family === 'clean' ? generateRunbook(n, false) : generateMessyRunbook(n);
}

export async function measurePerformanceII(
  progress: (s: string) => void,
  cleanEditsOfRun?: Map<number, EditResult>,
  cleanMemory?: MemoryResult,
) {
  const lines: string[] = [];
  const targets: PerfTarget[] = [];
  const status = (ok: boolean): PerfTarget['status'] => (ok ? 'met' : 'missed');
  const speedUp = (r: { oursRaw: number[]; peerRaw: number[] }) => ratios(r.peerRaw, r.oursRaw).median;

  // 9. Edits on the many-findings family (and on the clean one when section 2 did not run).
  const editsOf = new Map<Family, Map<number, EditResult>>();
  const findings = new Map<string, number>();
  if (cleanEditsOfRun) editsOf.set('clean', cleanEditsOfRun);
  const editFamilies = FAMILIES.filter((f) => !editsOf.has(f));
  if (runs('edits')) {
    for (const family of editFamilies) {
      const byN = new Map<number, EditResult>();
      editsOf.set(family, byN);
      for (const n of SIZES) {
        progress(`${family}, edits, ${n} steps`);
        const both = await startBoth();
        try {
          byN.set(n, await measureEdits(both, book(family, n), EDITS[n], 1, 1));
          findings.set(`${family}/${n}`, both.ours.publishes.at(-1)?.diagnostics.length ?? NaN);
        } finally {
          await both.ours.stop();
          await both.peer.stop();
        }
      }
    }
    lines.push(
      '',
      '9. 1-char edit → its diagnostics, side by side; the second family has many findings (about a quarter of the steps)',
    );
    const rows = [['family', 'steps', 'our diagnostics', 'ours', 'peer', 'speed-up x']];
    for (const family of editFamilies)
      for (const n of SIZES) {
        const r = editsOf.get(family)!.get(n)!;
        rows.push([
          family,
          n.toLocaleString('en'),
          String(findings.get(`${family}/${n}`)),
          fmt(r.ours),
          fmt(r.peer),
          times(speedUp(r)),
        ]);
      }
    lines.push(table(rows));
  }
  for (const [family, edits] of editsOf) {
    for (const [n, limit] of [
      [1000, 60],
      [10000, 150],
    ]) {
      const r = edits.get(n);
      if (r)
        targets.push({
          target: `${family}: edit → diagnostics p95 ≤ ${limit} ms at ${n.toLocaleString('en')} steps`,
          figure: `p95 ${ms(r.ours.p95)} ms`,
          status: status(r.ours.p95 <= limit),
        });
    }
    for (const [n, r] of edits)
      targets.push({
        target: `${family}: edit → diagnostics ≥ 6x faster than the peer at ${n.toLocaleString('en')} steps`,
        figure: `speed-up ${times(speedUp(r))}`,
        status: status(speedUp(r) >= 6),
      });
  }

  // 10. Fresh server: the first file opened.
  const fresh = new Map<string, Map<string, FreshOpen>>();
  if (runs('fresh')) {
    rmSync(CODE_CACHE_DIR, { recursive: true, force: true });
    for (const family of FAMILIES)
      for (const n of SIZES) {
        progress(`fresh server, ${family}, ${n} steps`);
        fresh.set(
          `${family}/${n}`,
          await measureFreshOpen(book(family, n), FRESH_REPS[n], [OURS, PEER, OURS_FIRST_START]),
        );
      }
    lines.push(
      '',
      '10. The first file opened, a fresh server per repetition (alternating): spawn → initialize answer, didOpen (right after `initialized`) → first diagnostics, and spawn → first diagnostics; speed-up x = peer/ours pair by pair; CPU ms = CPU time of the server process (all threads) from spawn to its first diagnostics (median, 10 ms ticks), the figure least moved by other load',
    );
    const freshRows = [
      [
        'family',
        'steps',
        'ours initialize',
        'ours open',
        'ours spawn→diag',
        'peer initialize',
        'peer open',
        'peer spawn→diag',
        'x init',
        'x open',
        'x spawn→diag',
        'CPU ms ours / peer',
      ],
    ];
    const firstRows = [['family', 'steps', 'initialize', 'open', 'spawn→diag', 'x open', 'x spawn→diag', 'CPU ms']];
    for (const family of FAMILIES)
      for (const n of SIZES) {
        const f = fresh.get(`${family}/${n}`)!;
        const o = f.get('ours')!,
          p = f.get('peer')!;
        const s = ratios(p.open, o.open).median;
        freshRows.push([
          family,
          n.toLocaleString('en'),
          fmt(summarize(o.initialize), false),
          fmt(summarize(o.open), false),
          ms(summarize(o.total).median),
          fmt(summarize(p.initialize), false),
          fmt(summarize(p.open), false),
          ms(summarize(p.total).median),
          times(ratios(p.initialize, o.initialize).median),
          times(s),
          times(ratios(p.total, o.total).median),
          `${ms(summarize(o.cpu).median)} / ${ms(summarize(p.cpu).median)}`,
        ]);
        const first = f.get(OURS_FIRST_START.name)!;
        firstRows.push([
          family,
          n.toLocaleString('en'),
          fmt(summarize(first.initialize), false),
          fmt(summarize(first.open), false),
          ms(summarize(first.total).median),
          times(ratios(p.open, first.open).median),
          times(ratios(p.total, first.total).median),
          ms(summarize(first.cpu).median),
        ]);
        targets.push({
          target: `${family}: first diagnostics in a fresh server ≥ 4x faster than the peer at ${n.toLocaleString('en')} steps`,
          figure: `ours ${ms(summarize(o.open).median)}, peer ${ms(summarize(p.open).median)} ms: ${times(s)} (first start without a code cache: ${times(ratios(p.open, first.open).median)})`,
          status: status(s >= 4),
        });
        if (n === 100)
          targets.push({
            target: `${family}: first diagnostics in a fresh server ≤ 80 ms at 100 steps`,
            figure: `${ms(summarize(o.open).median)} ms`,
            status: status(summarize(o.open).median <= 80),
          });
      }
    lines.push(table(freshRows));
    lines.push(
      '',
      '    Ours on its first start after an install or update (no code cache yet; the rows above start with the cache that start writes), same repetitions:',
    );
    lines.push(table(firstRows));
  }
  const editResults = Object.fromEntries(
    [...editsOf].map(([family, byN]) => [
      family,
      Object.fromEntries(
        [...byN].map(([n, r]) => [n, { ours: r.ours, peer: r.peer, findings: findings.get(`${family}/${n}`) }]),
      ),
    ]),
  );
  const freshOpen = Object.fromEntries([...fresh].map(([k, v]) => [k, Object.fromEntries(v)]));
  // BENCH_ONLY selects among sections 9 and 10; the memory and checklist sections run in the whole run.
  if (ONLY) return { lines, targets, results: { edits: editResults, freshOpen } };

  // 11. Memory on the second family.
  progress('memory, many findings, 10,000 steps');
  const messyMemory = await measureMemory(OURS, generateMessyRunbook(10_000), 100);
  const peerMessyMemory = await measureMemory(PEER, generateMessyRunbook(10_000), 100);
  const mib = (x?: number) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(1));
  lines.push(
    '',
    '11. Server memory at 10,000 steps, both families (MiB): after open, and the peak (VmHWM) over 100 edits',
  );
  lines.push(
    table([
      ['family', 'ours after open', 'ours peak', 'peer after open', 'peer peak'],
      ['clean (section 4)', mib(cleanMemory?.afterOpen?.rssMiB), mib(cleanMemory?.afterBurst?.hwmMiB), '', ''],
      [
        'many findings',
        mib(messyMemory.afterOpen?.rssMiB),
        mib(messyMemory.afterBurst?.hwmMiB),
        mib(peerMessyMemory.afterOpen?.rssMiB),
        mib(peerMessyMemory.afterBurst?.hwmMiB),
      ],
    ]),
  );
  for (const [family, m] of [
    ['clean', cleanMemory!],
    ['many findings', messyMemory],
  ] as const) {
    const after = m.afterOpen?.rssMiB ?? Infinity;
    const peak = Math.max(m.afterBurst?.hwmMiB ?? Infinity, m.peakRssDuringBurstMiB);
    targets.push({
      target: `${family}: server memory ≤ 150 MiB at 10,000 steps after open and at peak`,
      figure: `after open ${mib(after)}, peak ${mib(peak)} MiB`,
      status: status(after <= 150 && peak <= 150),
    });
  }

  // 12. The checklist at scale.
  progress('checklist at 2,000 and 10,000 steps');
  const checklist: ScaleFigures = await measureChecklistScale([2_000, 10_000], CHECKLIST_REPS);
  const section12 = checklistSection(checklist);
  lines.push(...section12.lines);
  targets.push(...section12.targets);

  return {
    lines,
    targets,
    results: {
      manyFindingsEdits: editResults['many findings'],
      freshOpen,
      memoryManyFindings: { ours: messyMemory, peer: peerMessyMemory },
      checklistScale: checklist,
    },
  };
}
