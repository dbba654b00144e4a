/**
 * One checklist operation in a fresh process, for bench/checklistScale.ts (which bundles this
 * file with esbuild, runs it under /usr/bin/time for the peak RSS, and reads the time it prints):
 *
 *   node checklist-ops.js open|tick|status|report <runbook> <record> [<step to tick>]
 *
 * - open: what the extension does to show a runbook's checklist: parse the runbook with a fresh
 *   language service (the extension host's own, cold), plan it, list and load its records, and
 *   build the page's model (diff against the start, blockers of every step).
 * - tick: the extension's tick path once the runbook is parsed: list the records, plan, then
 *   `updateRecord` (lock, read, parse, fold, decide, serialise, atomic write).
 * - status / report: `runbook run status <record>` and `runbook report <record>` as the CLI runs
 *   them (the runbook is found again from the record and parsed).
 * Prints `{"ms": <time of the operation, module loading excluded>}`.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { createLanguageService } from '../core/service';
import { planFromParsed } from '../core/records/plan';
import { decide } from '../core/records/commands';
import { listRecords, loadRecord, updateRecord } from '../node/recordFiles';
import { buildModel } from '../client/src/checklist/model';
import { runCommand } from '../cli/src/run/runCommand';
import { reportCommand } from '../cli/src/report/command';
import { dirname } from 'node:path';

const [op, runbook, record, stepToTick] = process.argv.slice(2);
const uri = `file://${runbook}`;
const text = readFileSync(runbook, 'utf8');
let ms = NaN;

if (op === 'open') {
  const t0 = performance.now();
  const service = createLanguageService();
  const plan = planFromParsed(service.parsed(uri, text));
  const records = listRecords(runbook).map((file) => ({ file, loaded: loadRecord(file) }));
  const current = records.find((r) => r.file === record)!;
  const model = buildModel({
    runbookUri: uri,
    runbookPath: 'db/restore.runbook.yaml',
    plan,
    errorCount: 0,
    trusted: true,
    runs: records.map((r) => ({ id: r.file, label: r.file, finished: r.loaded.state.finished, rehearsal: false })),
    record: { id: record, path: record, state: current.loaded.state, problems: current.loaded.problems },
  });
  // What the page is sent: the structured clone of this object.
  JSON.stringify(model);
  ms = performance.now() - t0;
} else if (op === 'tick') {
  const service = createLanguageService();
  service.parsed(uri, text); // the open document, parsed before the operator ticks
  const t0 = performance.now();
  if (!listRecords(runbook).includes(record)) throw new Error('record not listed');
  const plan = planFromParsed(service.parsed(uri, text));
  const result = updateRecord(record, (l) => {
    const d = decide(
      { plan, state: l.state, now: new Date().toISOString(), by: 'Bench Operator' },
      { kind: 'tick', step: stepToTick, override: 'bench: ticked out of order' },
    );
    return d.event ? { event: d.event } : d.refusal;
  });
  ms = performance.now() - t0;
  if (!('event' in result)) throw new Error(`tick refused: ${result.message}`);
} else if (op === 'status' || op === 'report') {
  const cwd = dirname(dirname(runbook));
  const t0 = performance.now();
  const r = op === 'status' ? runCommand(['status', record], cwd) : reportCommand([record], cwd);
  ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`${op} failed: ${r.err}`);
} else throw new Error(`unknown operation ${op}`);

process.stdout.write(`${JSON.stringify({ ms })}\n`);
