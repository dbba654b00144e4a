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
import { checklistSection, measureChecklistScale, type ScaleFigures } from './checklistScale';
import { generateMessyRunbook, generateRunbook, type Runbook } from './generate';
import { fmt, ms, ratios, summarize, table, times } from './lib/stats';
import {
  measureEdits,
  measureFreshOpen,
  measureMemory,
  OURS,
  PEER,
  startBoth,
  type EditResult,
  type FreshOpen,
  type MemoryResult,
} from './servers';

const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = [100, 1_000, 10_000];
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
  cleanEdits: Map<number, EditResult>,
  cleanMemory: MemoryResult,
) {
  const lines: string[] = [];
  const targets: PerfTarget[] = [];
  const status = (ok: boolean): PerfTarget['status'] => (ok ? 'met' : 'missed');
  const speedUp = (r: { oursRaw: number[]; peerRaw: number[] }) => ratios(r.peerRaw, r.oursRaw).median;

  // 9. Edits on the many-findings family.
  const messyEdits = new Map<number, EditResult>();
  const findings = new Map<number, number>();
  for (const n of SIZES) {
    progress(`many findings, edits, ${n} steps`);
    const rb = generateMessyRunbook(n);
    const both = await startBoth();
    try {
      const r = await measureEdits(both, rb, EDITS[n], 1, 1);
      messyEdits.set(n, r);
      const last = both.ours.publishes.at(-1);
      findings.set(n, last?.diagnostics.length ?? NaN);
    } finally {
      await both.ours.stop();
      await both.peer.stop();
    }
  }
  lines.push(
    '',
    '9. Second family, many findings (about a quarter of the steps): 1-char edit → its diagnostics, side by side',
  );
  const rows = [['steps', 'our diagnostics', 'ours', 'peer', 'speed-up x']];
  for (const n of SIZES) {
    const r = messyEdits.get(n)!;
    rows.push([n.toLocaleString('en'), String(findings.get(n)), fmt(r.ours), fmt(r.peer), times(speedUp(r))]);
  }
  lines.push(table(rows));
  for (const [family, edits] of [
    ['clean', cleanEdits],
    ['many findings', messyEdits],
  ] as const) {
    for (const [n, limit] of [
      [1000, 60],
      [10000, 150],
    ])
      targets.push({
        target: `${family}: edit → diagnostics p95 ≤ ${limit} ms at ${n.toLocaleString('en')} steps`,
        figure: `p95 ${ms(edits.get(n)!.ours.p95)} ms`,
        status: status(edits.get(n)!.ours.p95 <= limit),
      });
    for (const n of SIZES)
      targets.push({
        target: `${family}: edit → diagnostics ≥ 6x faster than the peer at ${n.toLocaleString('en')} steps`,
        figure: `speed-up ${times(speedUp(edits.get(n)!))}`,
        status: status(speedUp(edits.get(n)!) >= 6),
      });
  }

  // 10. Fresh server: the first file opened.
  const fresh = new Map<string, Map<string, FreshOpen>>();
  for (const family of FAMILIES)
    for (const n of SIZES) {
      progress(`fresh server, ${family}, ${n} steps`);
      fresh.set(`${family}/${n}`, await measureFreshOpen(book(family, n), FRESH_REPS[n], [OURS, PEER]));
    }
  lines.push(
    '',
    '10. The first file opened, a fresh server per repetition (alternating): spawn → initialize answer, then didOpen → first diagnostics',
  );
  const freshRows = [
    ['family', 'steps', 'ours initialize', 'ours open', 'peer initialize', 'peer open', 'open speed-up x'],
  ];
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
        fmt(summarize(p.initialize), false),
        fmt(summarize(p.open), false),
        times(s),
      ]);
      targets.push({
        target: `${family}: first diagnostics in a fresh server ≥ 4x faster than the peer at ${n.toLocaleString('en')} steps`,
        figure: `ours ${ms(summarize(o.open).median)}, peer ${ms(summarize(p.open).median)} ms: ${times(s)}`,
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
      ['clean (section 4)', mib(cleanMemory.afterOpen?.rssMiB), mib(cleanMemory.afterBurst?.hwmMiB), '', ''],
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
    ['clean', cleanMemory],
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
      manyFindingsEdits: Object.fromEntries(
        [...messyEdits].map(([n, r]) => [n, { ours: r.ours, peer: r.peer, findings: findings.get(n) }]),
      ),
      freshOpen: Object.fromEntries([...fresh].map(([k, v]) => [k, Object.fromEntries(v)])),
      memoryManyFindings: { ours: messyMemory, peer: peerMessyMemory },
      checklistScale: checklist,
    },
  };
}
