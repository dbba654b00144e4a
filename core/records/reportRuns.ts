/** The runs of one runbook in a list: date, real or rehearsal, operators, elapsed, objective. Pure. */
import { shortDuration, type RunReport } from './report';
import { mdCell } from './reportMarkdown';
import { oneLine } from './reportText';

export interface RunSummary {
  /** The record's path as the caller names it. */
  record: string;
  rehearsal: boolean;
  startedAt: string;
  finished: boolean;
  operators: string[];
  elapsedMs: number;
  /** `met`, `missed`, `exceeded`, `open`; absent when the runbook set no objective. */
  objective?: string;
  progress: RunReport['progress'];
}

export function summarizeRun(record: string, r: RunReport): RunSummary {
  return {
    record,
    rehearsal: r.rehearsal,
    startedAt: r.startedAt,
    finished: r.finished,
    operators: r.operators,
    elapsedMs: r.elapsedMs,
    ...(r.objective ? { objective: r.objective.outcome } : {}),
    progress: r.progress,
  };
}

/** `met 3h 10m / 4h`: one cell of the summary, shared by the CLI and the Runbooks tree. */
export function summaryWords(s: RunSummary): string {
  const kind = s.rehearsal ? 'rehearsal' : 'real run';
  const state = s.finished
    ? `elapsed ${shortDuration(s.elapsedMs)}`
    : `not finished (${s.progress.done}/${s.progress.total} done)`;
  return `${kind}, ${state}${s.objective ? `, objective ${s.objective}` : ''}, by ${s.operators.join(', ')}`;
}

export function runsText(runbook: string, runs: RunSummary[]): string {
  if (!runs.length) return `no runs of ${oneLine(runbook)}\n`;
  const lines = [`runs of ${oneLine(runbook)}`];
  for (const s of runs) lines.push(`${s.startedAt}  ${oneLine(s.record)}  ${oneLine(summaryWords(s))}`);
  return `${lines.join('\n')}\n`;
}

export function runsMarkdown(runbook: string, runs: RunSummary[]): string {
  const lines = [
    `# Runs of ${mdCell(runbook)}`,
    '',
    '| Started (UTC) | Kind | Operators | Elapsed | Objective | Progress | Record |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const s of runs)
    lines.push(
      `| ${s.startedAt} | ${s.rehearsal ? 'rehearsal' : 'real run'} | ${s.operators.map(mdCell).join(', ')} | ${shortDuration(s.elapsedMs)}${s.finished ? '' : ' (not finished)'} | ${s.objective ?? 'none set'} | ${s.progress.done} done, ${s.progress.skipped} skipped, ${s.progress.notDone} not done | ${mdCell(s.record)} |`,
    );
  if (!runs.length) lines.push('', 'No runs yet.');
  return lines.join('\n');
}
