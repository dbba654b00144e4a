/**
 * The checklist at scale (`npm run bench`, section 12; target: each ≤ 300 ms and ≤ 150 MiB at
 * 10,000 steps): checklist open (the server's plan, the extension host's model), tick, `run
 * status` and `report` on runbooks of 2,000 and 10,000 steps with a run half done, after the
 * runbook changed since the run started (a step retitled), so the runbook-change diff runs too.
 * `run status` and `report` are measured once with an empty plan cache (cold: the runbook is
 * parsed) and then with the plan cached by that first run (node/planCache.ts).
 *
 * Each operation runs in a fresh process (bench/checklistOps.ts bundled by esbuild into
 * bench/tmp/), under /usr/bin/time for its peak RSS; the time is the operation's own, printed
 * by the process (module loading excluded; the CLI's whole process time is given beside it).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { generateRunbook } from './generate';
import { summarize, table, type Summary } from './lib/stats';

const ROOT = resolve(__dirname, '..');
const TMP = resolve(ROOT, 'bench/tmp');
export const OPS = ['plan', 'open', 'tick', 'status', 'report', 'parse'] as const;
export type ChecklistOp = (typeof OPS)[number];
/** The CLI commands keep large runbooks' plans between runs (node/planCache.ts). */
const USES_PLAN_CACHE: readonly ChecklistOp[] = ['status', 'report'];

export interface OpFigures {
  /** For status and report: with the plan of this runbook text already cached by an earlier run. */
  ms: Summary;
  /** For status and report: the first run on this text, with an empty plan cache (a parse). */
  coldMs?: number;
  coldCpuMs?: number;
  /** Peak RSS of the process, MiB (largest over the repetitions). */
  peakMiB: number;
  /** Spawn → exit of the whole process, ms (node start and module loading included). */
  processMs: Summary;
  /** CPU time of the operation (user + system, V8's helper threads included): less sensitive to load. */
  cpuMs: Summary;
}

export type ScaleFigures = Record<number, Record<ChecklistOp, OpFigures>>;

export async function bundleOps(): Promise<string> {
  const out = join(TMP, 'checklist-ops.js');
  await esbuild.build({
    entryPoints: [resolve(__dirname, 'checklistOps.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    sourcemap: true,
    external: ['vscode'],
    logLevel: 'warning',
  });
  return out;
}

/** A workspace with the runbook, a run started on it, then half its steps done, then the runbook edited. */
export async function setUp(
  steps: number,
  dir: string,
): Promise<{ runbook: string; record: string; planFile: string; toTick: string[] }> {
  const { runCommand } = await import('../cli/src/run/runCommand');
  const { createLanguageService } = await import('../core/service');
  const { planFromParsed } = await import('../core/records/plan');
  const { eventLine } = await import('../core/records/serialize');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'db'), { recursive: true });
  const book = generateRunbook(steps, false);
  const runbook = join(dir, 'db', `restore-${steps}.runbook.yaml`);
  writeFileSync(runbook, book.text);
  // In this process too, no plan is kept in the user's cache folder (node/planCache.ts).
  process.env.RUNBOOK_PLAN_CACHE = 'off';
  const started = runCommand(['start', runbook, '--operator', 'Alice'], dir, { ...process.env });
  if (started.code !== 0) throw new Error(`run start failed: ${started.err}`);
  const record = resolve(dir, started.out);
  const plan = planFromParsed(createLanguageService().parsed(`file://${runbook}`, book.text));
  const ids = plan.steps.filter((s) => s.id).map((s) => s.id!);
  const half = Math.floor(ids.length / 2);
  const base = Date.now() - 86_400_000;
  const lines: string[] = [];
  for (let i = 0; i < half; i++) {
    const at = new Date(base + i * 1000).toISOString();
    lines.push(eventLine({ at, by: i % 3 ? 'Alice' : 'Bob', event: 'done', step: ids[i], override: 'bench' }));
  }
  appendFileSync(record, `${lines.join('\n')}\n`);
  // The runbook changes after the start: one step retitled.
  const lines2 = book.text.split('\n');
  lines2[book.edit.line] = `${lines2[book.edit.line]} (retitled)`;
  writeFileSync(runbook, lines2.join('\n'));
  // The language server's answer to the checklist's plan request for the changed runbook, as sent.
  const { checklistPlan } = await import('../server/src/checklistPlan');
  const planFile = join(dir, 'plan-answer.json');
  const changed = lines2.join('\n');
  writeFileSync(planFile, JSON.stringify(checklistPlan(createLanguageService(), `file://${runbook}`, changed)));
  // Steps to tick: pending, asking for no evidence (the tick does not fill a form).
  const toTick = plan.steps
    .slice(half)
    .filter((s) => s.id && !s.evidence.length)
    .map((s) => s.id!);
  return { runbook, record, planFile, toTick };
}

function runOp(
  script: string,
  op: ChecklistOp,
  args: string[],
  env: NodeJS.ProcessEnv,
): { ms: number; cpuMs: number; peakMiB: number; processMs: number } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, script, op, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const processMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${op} failed: ${r.stderr}`);
  const kb = Number(r.stderr.trim().split('\n').pop());
  const answer = JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; cpuMs: number };
  return { ms: answer.ms, cpuMs: answer.cpuMs, peakMiB: kb / 1024, processMs };
}

export async function measureChecklistScale(
  sizes: number[],
  reps: number,
  ops: readonly ChecklistOp[] = OPS,
): Promise<ScaleFigures> {
  const script = await bundleOps();
  const out: ScaleFigures = {};
  for (const steps of sizes) {
    const dir = join(TMP, `checklist-scale-${steps}-${process.pid}`);
    try {
      const { runbook, record, planFile, toTick } = await setUp(steps, dir);
      const cache = join(dir, 'plan-cache');
      const env = { RUNBOOK_PLAN_CACHE: cache };
      const figures = {} as Record<ChecklistOp, OpFigures>;
      for (const op of ops) {
        const args = (k: number) => [runbook, record, planFile, ...(op === 'tick' ? [toTick[k]] : [])];
        let cold: ReturnType<typeof runOp> | undefined;
        if (USES_PLAN_CACHE.includes(op)) {
          rmSync(cache, { recursive: true, force: true });
          cold = runOp(script, op, args(0), env);
        }
        const samples = Array.from({ length: reps }, (_, k) => runOp(script, op, args(k), env));
        const all = cold ? [cold, ...samples] : samples;
        figures[op] = {
          ms: summarize(samples.map((s) => s.ms)),
          coldMs: cold?.ms,
          coldCpuMs: cold?.cpuMs,
          peakMiB: Math.max(...all.map((s) => s.peakMiB)),
          processMs: summarize(samples.map((s) => s.processMs)),
          cpuMs: summarize(samples.map((s) => s.cpuMs)),
        };
      }
      out[steps] = figures;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

export interface ChecklistTarget {
  target: string;
  figure: string;
  status: 'met' | 'missed' | 'n/a';
}

const LIMIT_MS = 300;
const LIMIT_MIB = 150;
const LONG_TASK_MS = 50;

/** The long-task probe's figures from the last e2e run (test/e2e/suite/checklistScale.e2e.ts), by size. */
function probeResults(): { steps: number; maxBlockMs: number; measuredAt: string; perPhase: string }[] {
  let names: string[] = [];
  try {
    names = readdirSync(TMP).filter((n) => /^longtask-probe-\d+\.json$/.test(n));
  } catch {
    return [];
  }
  return names
    .map((n) => JSON.parse(readFileSync(join(TMP, n), 'utf8')))
    .map((r) => ({
      steps: r.steps as number,
      maxBlockMs: r.maxBlockMs as number,
      measuredAt: r.measuredAt as string,
      perPhase: Object.entries(r.maxPerPhase as Record<string, number>)
        .filter(([k]) => k !== 'idle')
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    }))
    .sort((a, b) => a.steps - b.steps);
}

/**
 * Section 12's table and its targets, met or missed, at every size: open (the server's plan plus
 * the extension host's part, one after the other), tick, status and report (with the plan cache
 * filled by an earlier run, and the first run on a new text), each ≤ 300 ms and ≤ 150 MiB; and
 * the long-task probe of the e2e run.
 */
export function checklistSection(checklist: ScaleFigures): { lines: string[]; targets: ChecklistTarget[] } {
  const fmtMs = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const rows = [
    ['steps', 'operation', 'ms (median)', 'CPU ms', 'first run, empty plan cache', 'peak MiB', 'whole process ms'],
  ];
  const targets: ChecklistTarget[] = [];
  const target = (n: number, what: string, msValue: number, mib: number) =>
    targets.push({
      target: `checklist ${what} at ${n.toLocaleString('en')} steps ≤ ${LIMIT_MS} ms and ≤ ${LIMIT_MIB} MiB`,
      figure: `${fmtMs(msValue)} ms, ${mib.toFixed(0)} MiB`,
      status: msValue <= LIMIT_MS && mib <= LIMIT_MIB ? 'met' : 'missed',
    });
  for (const [size, ops] of Object.entries(checklist)) {
    const n = Number(size);
    for (const [op, f] of Object.entries(ops) as [ChecklistOp, OpFigures][])
      rows.push([
        n.toLocaleString('en'),
        op,
        fmtMs(f.ms.median),
        fmtMs(f.cpuMs.median),
        f.coldMs === undefined ? '' : `${fmtMs(f.coldMs)} (CPU ${fmtMs(f.coldCpuMs ?? NaN)})`,
        f.peakMiB.toFixed(0),
        fmtMs(f.processMs.median),
      ]);
    if (ops.plan && ops.open)
      target(
        n,
        'open (server plan + extension host)',
        ops.plan.ms.median + ops.open.ms.median,
        Math.max(ops.plan.peakMiB, ops.open.peakMiB),
      );
    if (ops.tick) target(n, 'tick (write + refresh)', ops.tick.ms.median, ops.tick.peakMiB);
    for (const op of ['status', 'report'] as const) {
      const f = ops[op];
      if (!f) continue;
      target(n, `${op === 'status' ? 'run status' : 'report'} (plan cached)`, f.ms.median, f.peakMiB);
      if (f.coldMs !== undefined)
        target(n, `${op === 'status' ? 'run status' : 'report'} (first run on this text)`, f.coldMs, f.peakMiB);
    }
  }
  const lines = [
    '',
    '12. Checklist, run half done, runbook changed since the start; each operation in a fresh process (time of the operation; peak RSS of the process)',
    table(rows),
  ];
  const probes = probeResults();
  if (!probes.length)
    targets.push({
      target: `extension host never blocked > ${LONG_TASK_MS} ms (long-task probe in the e2e run)`,
      figure: 'not measured: run RUNBOOK_E2E_GREP=long-task node test/e2e/code-server-launcher.mjs',
      status: 'n/a',
    });
  for (const p of probes) {
    lines.push(
      `Long-task probe (e2e, ${p.steps.toLocaleString('en')} steps, ${p.measuredAt}): longest block of the extension host ${p.maxBlockMs} ms (${p.perPhase})`,
    );
    targets.push({
      target: `extension host never blocked > ${LONG_TASK_MS} ms at ${p.steps.toLocaleString('en')} steps (e2e long-task probe)`,
      figure: `${p.maxBlockMs} ms (${p.measuredAt.slice(0, 10)})`,
      status: p.maxBlockMs <= LONG_TASK_MS ? 'met' : 'missed',
    });
  }
  return { lines, targets };
}
