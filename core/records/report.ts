/**
 * The report of a run: a timeline of who did what when, the time each step took, the overrides,
 * the skipped steps and the total time. Pure: the CLI prints it as Markdown or JSON.
 */
import type { RunEvent } from './events';
import type { RunState, StepStatus } from './fold';
import type { RunbookPlan } from './plan';
import { describeChanges, diffSteps } from './diff';

export interface TimelineEntry {
  at: string;
  by: string;
  event: RunEvent['event'];
  step?: string;
  detail?: string;
}

export interface StepReport {
  id: string;
  title: string;
  status: StepStatus;
  at?: string;
  by?: string;
  /** Time from the previous completed step (or the start) to this one, in ms. */
  durationMs?: number;
  override?: string;
  reason?: string;
  evidence?: Record<string, string>;
  notes: { at: string; by: string; text: string }[];
}

export interface RunReport {
  runbook: string;
  title?: string;
  rehearsal: boolean;
  startedAt: string;
  startedBy: string;
  finished: boolean;
  finishedAt?: string;
  /** From the start to the finish, or to the last event of an unfinished run, in ms. */
  elapsedMs: number;
  operators: string[];
  progress: { done: number; skipped: number; pending: number; total: number };
  changes?: string;
  steps: StepReport[];
  overrides: { step: string; at: string; by: string; reason: string }[];
  skipped: { step: string; at: string; by: string; reason: string }[];
  timeline: TimelineEntry[];
}

function detail(e: RunEvent): string | undefined {
  switch (e.event) {
    case 'start':
      return `${e.rehearsal ? 'rehearsal' : 'run'} of ${e.runbook}`;
    case 'done':
      return (
        [
          e.override && `override: ${e.override}`,
          e.evidence &&
            Object.entries(e.evidence)
              .map(([k, v]) => `${k}=${v}`)
              .join(', '),
          e.note,
        ]
          .filter(Boolean)
          .join('; ') || undefined
      );
    case 'skip':
      return e.reason + (e.note ? `; ${e.note}` : '');
    case 'undo':
      return e.reason;
    case 'note':
      return e.note;
    case 'finish':
      return e.note;
    case 'reopen':
      return e.reason;
    case 'begin':
      return undefined;
    case 'signoff':
      return e.note;
  }
}

export function buildReport(state: RunState, plan?: RunbookPlan): RunReport {
  const start = state.start;
  if (!start) throw new Error('The record has no start event.');
  const order: { id: string; title: string }[] = plan
    ? [...plan.byId.values()].map((s) => ({ id: s.id!, title: s.title }))
    : start.steps.map(([id]) => ({ id, title: id }));
  // Steps in the record that the runbook no longer has still belong in the report.
  for (const id of state.steps.keys()) if (!order.some((o) => o.id === id)) order.push({ id, title: id });

  // Durations: time between consecutive completions (done or skipped) in the timeline, from the start.
  const duration = new Map<string, number>();
  let previous = Date.parse(start.at);
  for (const e of state.events) {
    if (e.event !== 'done' && e.event !== 'skip') continue;
    const step = state.steps.get(e.step);
    if (step && step.at === e.at && step.by === e.by && step.status !== 'pending')
      duration.set(e.step, Date.parse(e.at) - previous);
    previous = Date.parse(e.at);
  }

  const steps: StepReport[] = order.map(({ id, title }) => {
    const s = state.steps.get(id);
    return {
      id,
      title,
      status: s?.status ?? 'pending',
      at: s?.at,
      by: s?.by,
      durationMs: s && s.status !== 'pending' ? duration.get(id) : undefined,
      override: s?.override,
      reason: s?.status === 'skipped' ? s.reason : undefined,
      evidence: s?.evidence,
      notes: s?.notes ?? [],
    };
  });
  const current = steps.filter((s) => !plan || plan.byId.has(s.id));
  const done = current.filter((s) => s.status === 'done').length;
  const skipped = current.filter((s) => s.status === 'skipped').length;
  const end = state.finished ? state.finishedAt! : (state.lastAt ?? start.at);
  return {
    runbook: start.runbook,
    title: start.title,
    rehearsal: start.rehearsal,
    startedAt: start.at,
    startedBy: start.by,
    finished: state.finished,
    finishedAt: state.finishedAt,
    elapsedMs: Date.parse(end) - Date.parse(start.at),
    operators: state.operators,
    progress: { done, skipped, pending: current.length - done - skipped, total: current.length },
    changes: plan ? describeChanges(diffSteps(start, plan)) : undefined,
    steps,
    overrides: steps
      .filter((s) => s.status === 'done' && s.override)
      .map((s) => ({ step: s.id, at: s.at!, by: s.by!, reason: s.override! })),
    skipped: steps
      .filter((s) => s.status === 'skipped')
      .map((s) => ({ step: s.id, at: s.at!, by: s.by!, reason: s.reason ?? '' })),
    timeline: state.events.map((e) => ({
      at: e.at,
      by: e.by,
      event: e.event,
      step: 'step' in e ? e.step : undefined,
      detail: detail(e),
    })),
  };
}

/** `1h 05m 03s`, `4m 10s`, `12s`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600),
    m = Math.floor((total % 3600) / 60),
    s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}h ${pad(m)}m ${pad(s)}s` : m ? `${m}m ${pad(s)}s` : `${s}s`;
}

/** Escapes text for a Markdown table cell. */
function cell(text: string | undefined): string {
  return (text ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([<>*_`[\]])/g, '\\$1');
}

export function reportMarkdown(r: RunReport): string {
  const lines: string[] = [];
  lines.push(`# ${r.rehearsal ? 'Rehearsal' : 'Run'} report: ${cell(r.title ?? r.runbook)}`, '');
  lines.push(`- Runbook: \`${r.runbook}\``);
  lines.push(`- Started: ${r.startedAt} by ${cell(r.startedBy)}`);
  lines.push(`- ${r.finished ? `Finished: ${r.finishedAt}` : 'Not finished'}`);
  lines.push(`- Total elapsed: ${formatDuration(r.elapsedMs)}`);
  lines.push(
    `- Progress: ${r.progress.done} done, ${r.progress.skipped} skipped, ${r.progress.pending} not done, of ${r.progress.total}`,
  );
  lines.push(`- Operators: ${r.operators.map(cell).join(', ')}`);
  if (r.changes) lines.push(`- Warning: ${cell(r.changes)}`);
  lines.push('', '## Steps', '', '| # | Step | State | When | Who | Time |', '|---|---|---|---|---|---|');
  r.steps.forEach((s, i) =>
    lines.push(
      `| ${i + 1} | ${cell(s.id)}: ${cell(s.title)} | ${s.status} | ${s.at ?? ''} | ${cell(s.by)} | ${s.durationMs === undefined ? '' : formatDuration(s.durationMs)} |`,
    ),
  );
  lines.push('', '## Overrides', '');
  if (r.overrides.length)
    for (const o of r.overrides) lines.push(`- \`${o.step}\` at ${o.at} by ${cell(o.by)}: ${cell(o.reason)}`);
  else lines.push('None.');
  lines.push('', '## Skipped steps', '');
  if (r.skipped.length)
    for (const o of r.skipped) lines.push(`- \`${o.step}\` at ${o.at} by ${cell(o.by)}: ${cell(o.reason)}`);
  else lines.push('None.');
  lines.push('', '## Timeline', '', '| When (UTC) | Who | What | Step | Detail |', '|---|---|---|---|---|');
  for (const t of r.timeline)
    lines.push(`| ${t.at} | ${cell(t.by)} | ${t.event} | ${cell(t.step)} | ${cell(t.detail)} |`);
  return lines.join('\n');
}
