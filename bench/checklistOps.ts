/**
 * One checklist operation in a fresh process, for bench/checklistScale.ts (which bundles this
 * file with esbuild, runs it under /usr/bin/time for the peak RSS, and reads the time it prints):
 *
 *   node checklist-ops.js plan|open|tick|status|report <runbook> <record> <plan.json> [<step to tick>]
 *
 * - plan: the language server's side of a checklist open (server/src/checklistPlan.ts): the plan
 *   of a runbook it has parsed already (the open document, parsed for its diagnostics; the parse
 *   is before the clock), serialised as the LSP answer.
 * - open: the extension host's side: the server's answer parsed (the language client's JSON.parse)
 *   and turned back into a plan, the records listed and loaded, the page's model built (diff
 *   against the start, blockers and direct blockers of every step) and serialised for the page.
 * - tick: the extension host's tick with the plan in hand (PlanSource keeps the last answer): list
 *   the records, `applyRequestAsync` (lock, read, parse, fold, decide, serialise, atomic write),
 *   then the refresh: the record loaded again and the page's model rebuilt and serialised.
 * - status / report: `runbook run status <record>` and `runbook report <record>` as the CLI runs
 *   them (the runbook found again from the record; its plan parsed, or read from the plan cache).
 * - parse: for comparison, a cold parse of the runbook by a fresh language service (what the
 *   server pays once for a runbook that is not open yet).
 * Prints `{"ms": <time of the operation, module loading excluded>, "cpuMs": <CPU time the process
 * used meanwhile>}`: on a loaded machine the wall time includes waiting for a core, the CPU time
 * does not (it includes V8's helper threads, so it can exceed the wall time).
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLanguageService } from '../core/service';
import { planData, planFromData, planFromParsed, type PlanData, type RunbookPlan } from '../core/records/plan';
import { listRecords, loadRecord } from '../node/recordFiles';
import { applyRequestAsync } from '../node/applyRequest';
import { buildModel } from '../client/src/checklist/model';
import { runCommand } from '../cli/src/run/runCommand';
import { reportCommand } from '../cli/src/report/command';
import { installNodeSha256 } from '../node/hash';

// As the CLI and the language server under Node do.
installNodeSha256();

const [op, runbook, record, planFile, stepToTick] = process.argv.slice(2);
const uri = `file://${runbook}`;

function model(plan: RunbookPlan): string {
  const records = listRecords(runbook).map((file) => ({ file, loaded: loadRecord(file) }));
  const current = records.find((r) => r.file === record)!;
  const m = buildModel({
    runbookUri: uri,
    runbookPath: 'db/restore.runbook.yaml',
    plan,
    errorCount: 0,
    trusted: true,
    runs: records.map((r) => ({ id: r.file, label: r.file, finished: r.loaded.state.finished, rehearsal: false })),
    record: { id: record, path: record, state: current.loaded.state, problems: current.loaded.problems },
  });
  // What the page is sent: the structured clone of this object.
  return JSON.stringify(m);
}

let cpu0 = process.cpuUsage();
/** The operation's clock: wall time returned, CPU time kept for the answer. */
function startClock(): number {
  cpu0 = process.cpuUsage();
  return performance.now();
}

async function main(): Promise<number> {
  if (op === 'plan') {
    const text = readFileSync(runbook, 'utf8');
    const service = createLanguageService();
    const parsed = service.parsed(uri, text);
    const t0 = startClock();
    JSON.stringify({ plan: planData(planFromParsed(parsed)), errorCount: 0, text });
    return performance.now() - t0;
  }
  if (op === 'parse') {
    const text = readFileSync(runbook, 'utf8');
    const t0 = startClock();
    createLanguageService().parsed(uri, text);
    return performance.now() - t0;
  }
  if (op === 'open') {
    const answer = readFileSync(planFile, 'utf8');
    const t0 = startClock();
    model(planFromData((JSON.parse(answer) as { plan: PlanData }).plan));
    return performance.now() - t0;
  }
  if (op === 'tick') {
    const plan = planFromData((JSON.parse(readFileSync(planFile, 'utf8')) as { plan: PlanData }).plan);
    const t0 = startClock();
    if (!listRecords(runbook).includes(record)) throw new Error('record not listed');
    const result = await applyRequestAsync(
      record,
      (l) => ({ plan, state: l.state, now: new Date().toISOString(), by: 'Bench Operator' }),
      { kind: 'tick', step: stepToTick, override: 'bench: ticked out of order' },
    );
    if (!('event' in result)) throw new Error(`tick refused: ${result.message}`);
    model(plan);
    return performance.now() - t0;
  }
  if (op === 'status' || op === 'report') {
    const cwd = dirname(dirname(runbook));
    const t0 = startClock();
    const r = op === 'status' ? runCommand(['status', record], cwd) : reportCommand([record], cwd);
    const ms = performance.now() - t0;
    if (r.code !== 0) throw new Error(`${op} failed: ${r.err}`);
    return ms;
  }
  throw new Error(`unknown operation ${op}`);
}

void main().then(
  (ms) => {
    const cpu = process.cpuUsage(cpu0);
    process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  },
  (e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exitCode = 1;
  },
);
