/**
 * The multi-run summary shown in the Runbooks tree: per run its kind, elapsed time, objective and
 * operators; per runbook how many runs and how the last real run and rehearsal went. Kept apart
 * from runbooksTree.ts, which only calls these two functions.
 */
import { buildReport } from '../../../core/records/report';
import { summarizeRun, summaryWords, type RunSummary } from '../../../core/records/reportRuns';
import type { LoadedRecord } from '../../../node/recordFiles';

function summaryOf(record: LoadedRecord | undefined): RunSummary | undefined {
  if (!record?.start || record.problems.length) return undefined;
  return summarizeRun(record.file, buildReport(record.state, { now: new Date().toISOString() }));
}

/** One line for a run's tooltip: `real run, elapsed 3h 10m, objective met, by Alice, Bob`. */
export function runSummaryLine(record: LoadedRecord | undefined): string | undefined {
  const s = summaryOf(record);
  return s && summaryWords(s);
}

/** For a runbook's tooltip: its runs, the last real run and the last rehearsal. */
export function runbookRunsSummary(records: (LoadedRecord | undefined)[]): string | undefined {
  const all = records.map(summaryOf).filter((s): s is RunSummary => !!s);
  if (!all.length) return undefined;
  const last = (rehearsal: boolean) => [...all].reverse().find((s) => s.rehearsal === rehearsal);
  const lines = [`${all.length} run${all.length === 1 ? '' : 's'} (${all.filter((s) => !s.rehearsal).length} real)`];
  const real = last(false),
    rehearsal = last(true);
  if (real) lines.push(`last real run ${real.startedAt.slice(0, 10)}: ${summaryWords(real)}`);
  if (rehearsal) lines.push(`last rehearsal ${rehearsal.startedAt.slice(0, 10)}: ${summaryWords(rehearsal)}`);
  return lines.join('\n');
}
