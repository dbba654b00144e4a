/**
 * The report of a run, as a reviewer reads it: per step who did it, when work on it began and
 * ended, how long it took against the plan, overrides, skips, undos, notes and sign-offs; idle gaps;
 * the total time against the recovery time objective. Pure: the CLI, the HTML export and the
 * report view render this one model (see reportText.ts, reportMarkdown.ts, reportHtml.ts).
 *
 * Durations come from timestamps (UTC), never from wall-clock times, so a run across midnight or a
 * daylight-saving change in the operator's zone measures right; zones only matter when showing times.
 */
import type { RunEvent } from './events';
import type { RunState } from './fold';
import type { RunbookPlan } from './plan';
import { describeChanges, diffSteps } from './diff';

/** Bumped when a field of the JSON report changes meaning or disappears (see docs/report-json.md). */
export const REPORT_VERSION = 1;

/** `not done` (never "pending"): the words the summary and every output use. */
export type ReportStatus = 'done' | 'skipped' | 'not done';

/** A gap this long with no event and no step in progress is shown as idle. */
export const DEFAULT_IDLE_MS = 10 * 60_000;

export interface Stamp {
  at: string;
  by: string;
}
export interface StampedText extends Stamp {
  text: string;
}

export interface StepReport {
  id: string;
  title: string;
  status: ReportStatus;
  /** When and by whom the current status was set (for a step not done: the undo, if any). */
  at?: string;
  by?: string;
  /** When work on it began (its `begin` event); absent: not recorded. */
  startedAt?: string;
  /** From `startedAt` to `at` for a done or skipped step; absent when no begin was recorded. */
  durationMs?: number;
  /** Still in progress: begun, not done. */
  inProgress: boolean;
  /** From the start event's `expect`. */
  plannedMs?: number;
  /** Why the ordering gate was overridden when it was ticked. */
  override?: string;
  /** Why it was skipped. */
  reason?: string;
  evidence?: Record<string, string>;
  notes: StampedText[];
  undos: (Stamp & { reason?: string })[];
  /** The step needs a second person (start event's `signoff`). */
  signoffRequired: boolean;
  signedOff?: Stamp;
  /** The step is in the record but no longer in the runbook. */
  removed: boolean;
}

export interface IdleGap {
  from: string;
  to: string;
  ms: number;
}

export interface TimelineEntry {
  at: string;
  by: string;
  event: RunEvent['event'];
  step?: string;
  detail?: string;
}

export interface Objective {
  ms: number;
  /** `met`/`missed` once finished; `exceeded` when an unfinished run is already past it; else `open`. */
  outcome: 'met' | 'missed' | 'exceeded' | 'open';
}

export interface RunReport {
  version: typeof REPORT_VERSION;
  runbook: string;
  title?: string;
  rehearsal: boolean;
  /** The runbook's digest when the run started, and whether the runbook (when found) differs now. */
  sha256: string;
  runbookChanged?: boolean;
  changes?: string;
  /** A real run started on a runbook with errors: how many, and why. */
  startedWithErrors?: { errors: number; reason: string };
  startedAt: string;
  startedBy: string;
  finished: boolean;
  finishedAt?: string;
  finishedBy?: string;
  /** The note written when the run was finished. */
  closingNote?: string;
  /** Time of the last event. */
  lastAt: string;
  /** Where the elapsed time ends: the finish, else `now` (given), else the last event. */
  endAt: string;
  /** From the start to `endAt`, in ms. */
  elapsedMs: number;
  objective?: Objective;
  operators: string[];
  progress: { done: number; skipped: number; notDone: number; total: number };
  steps: StepReport[];
  runNotes: StampedText[];
  reopens: (Stamp & { reason?: string })[];
  overrides: (Stamp & { step: string; reason: string })[];
  skipped: (Stamp & { step: string; reason: string })[];
  idle: IdleGap[];
  timeline: TimelineEntry[];
}

export interface ReportOptions {
  /** The runbook as it is now, when found: titles, order, what changed. */
  plan?: RunbookPlan;
  /** For an unfinished run: the elapsed time runs to now (UTC ISO). Absent: to the last event. */
  now?: string;
  /** Gaps at least this long with no event and nothing in progress are idle (default 10 minutes). */
  idleMs?: number;
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
    case 'reopen':
      return e.reason;
    case 'note':
      return e.note;
    case 'finish':
    case 'signoff':
      return e.note;
    case 'begin':
      return undefined;
  }
}

const ms = (iso: string) => Date.parse(iso);

/** Gaps between consecutive events during which no step was begun and not yet done or skipped. */
function idleGaps(events: readonly RunEvent[], threshold: number): IdleGap[] {
  const open = new Set<string>();
  const gaps: IdleGap[] = [];
  for (let i = 0; i < events.length - 1; i++) {
    const e = events[i];
    if (e.event === 'begin') open.add(e.step);
    else if (e.event === 'done' || e.event === 'skip' || e.event === 'undo') open.delete(e.step);
    else if (e.event === 'finish') open.clear();
    const gap = ms(events[i + 1].at) - ms(e.at);
    if (open.size === 0 && gap >= threshold) gaps.push({ from: e.at, to: events[i + 1].at, ms: gap });
  }
  return gaps;
}

export function buildReport(state: RunState, options: ReportOptions = {}): RunReport {
  const { plan } = options;
  const start = state.start;
  if (!start) throw new Error('The record has no start event.');
  const order: { id: string; title: string; removed: boolean }[] = plan
    ? [...plan.byId.values()].map((s) => ({ id: s.id!, title: s.title, removed: false }))
    : start.steps.map(([id]) => ({ id, title: id, removed: false }));
  const known = new Set(order.map((o) => o.id));
  // Steps in the record that the runbook no longer has still belong in the report, marked as removed.
  for (const id of state.steps.keys())
    if (!known.has(id)) {
      known.add(id);
      order.push({ id, title: id, removed: true });
    }

  const planned = new Map(start.expect ?? []);
  const needsSignoff = new Set(start.signoff ?? []);
  const undos = new Map<string, (Stamp & { reason?: string })[]>();
  const reopens: (Stamp & { reason?: string })[] = [];
  for (const e of state.events) {
    if (e.event === 'undo') {
      const list = undos.get(e.step) ?? [];
      list.push({ at: e.at, by: e.by, ...(e.reason ? { reason: e.reason } : {}) });
      undos.set(e.step, list);
    } else if (e.event === 'reopen') reopens.push({ at: e.at, by: e.by, ...(e.reason ? { reason: e.reason } : {}) });
  }

  const steps: StepReport[] = order.map(({ id, title, removed }) => {
    const s = state.steps.get(id);
    const status: ReportStatus = s?.status === 'done' ? 'done' : s?.status === 'skipped' ? 'skipped' : 'not done';
    const finishedStep = status !== 'not done';
    const startedAt = s?.startedAt;
    return {
      id,
      title,
      status,
      at: s?.at,
      by: s?.by,
      startedAt,
      durationMs: finishedStep && startedAt ? Math.max(0, ms(s!.at!) - ms(startedAt)) : undefined,
      inProgress: !finishedStep && !!startedAt,
      plannedMs: planned.has(id) ? planned.get(id)! * 1000 : undefined,
      override: status === 'done' ? s?.override : undefined,
      reason: status === 'skipped' ? s?.reason : undefined,
      evidence: status === 'done' ? s?.evidence : undefined,
      notes: s?.notes.map((n) => ({ at: n.at, by: n.by, text: n.text })) ?? [],
      undos: undos.get(id) ?? [],
      signoffRequired: needsSignoff.has(id),
      signedOff: s?.signedOff,
      removed,
    };
  });

  const current = steps.filter((s) => !s.removed);
  const done = current.filter((s) => s.status === 'done').length;
  const skipped = current.filter((s) => s.status === 'skipped').length;
  const lastAt = state.lastAt ?? start.at;
  const endAt = state.finished ? state.finishedAt! : options.now && ms(options.now) > ms(lastAt) ? options.now : lastAt;
  const elapsedMs = ms(endAt) - ms(start.at);
  const finishEvent = state.finished
    ? [...state.events].reverse().find((e) => e.event === 'finish' && e.at === state.finishedAt)
    : undefined;
  // Same text, same steps: no need to diff (the diff is quadratic in the steps of a large runbook).
  const changes = plan && plan.sha256 !== start.sha256 ? diffSteps(start, plan) : undefined;
  return {
    version: REPORT_VERSION,
    runbook: start.runbook,
    title: start.title,
    rehearsal: start.rehearsal,
    sha256: start.sha256,
    runbookChanged: plan ? plan.sha256 !== start.sha256 : undefined,
    changes: changes ? describeChanges(changes) : undefined,
    startedWithErrors: start.errors ? { errors: start.errors, reason: start.reason ?? '' } : undefined,
    startedAt: start.at,
    startedBy: start.by,
    finished: state.finished,
    finishedAt: state.finishedAt,
    finishedBy: state.finishedBy,
    closingNote: finishEvent && finishEvent.event === 'finish' ? finishEvent.note : undefined,
    lastAt,
    endAt,
    elapsedMs,
    objective:
      start.rto === undefined
        ? undefined
        : {
            ms: start.rto * 1000,
            outcome: state.finished
              ? elapsedMs <= start.rto * 1000
                ? 'met'
                : 'missed'
              : elapsedMs > start.rto * 1000
                ? 'exceeded'
                : 'open',
          },
    operators: state.operators,
    progress: { done, skipped, notDone: current.length - done - skipped, total: current.length },
    steps,
    runNotes: state.events
      .filter((e) => e.event === 'note' && !e.step)
      .map((e) => ({ at: e.at, by: e.by, text: (e as { note: string }).note })),
    reopens,
    overrides: steps.filter((s) => s.override).map((s) => ({ step: s.id, at: s.at!, by: s.by!, reason: s.override! })),
    skipped: steps
      .filter((s) => s.status === 'skipped')
      .map((s) => ({ step: s.id, at: s.at!, by: s.by!, reason: s.reason ?? '' })),
    idle: idleGaps(state.events, options.idleMs ?? DEFAULT_IDLE_MS),
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

/** `12m`, `2m 30s`, `1h 05m`, `45s`, `2d 3h`: the compact form of tables and the text format. */
export function shortDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return `${total}s`;
  // Under ten minutes the seconds still matter to a reviewer; above, they are noise.
  if (total < 600)
    return total % 60 ? `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s` : `${total / 60}m`;
  const minutes = Math.round(total / 60);
  const d = Math.floor(minutes / 1440),
    h = Math.floor((minutes % 1440) / 60),
    m = minutes % 60;
  if (d) return h ? `${d}d ${h}h` : `${d}d`;
  if (h) return m ? `${h}h ${String(m).padStart(2, '0')}m` : `${h}h`;
  return `${m}m`;
}

/** What a reviewer reads in the state column: an overridden step says so. */
export function statusLabel(s: StepReport): string {
  if (s.status === 'done' && s.override) return 'done (override)';
  if (s.status === 'not done' && s.inProgress) return 'in progress';
  return s.status;
}
