/**
 * What the report's timeline and step table show, laid out once: positions on the time axis and
 * every text already worded and formatted in the reader's zone. Two renderers draw it the same way:
 * the exported file as HTML and SVG strings (reportHtml.ts, every text escaped there) and the report
 * view's page script with DOM calls (client/webview/report, every text set as textContent), which
 * draws only the rows in sight so a 2,000-step run opens fast. Plain data, so the view can carry it
 * as JSON. Pure.
 */
import { shortDuration, statusLabel, type RunReport, type StepReport } from './report';
import { RunClock } from './reportTime';

/** Geometry of the chart, in px: shared by both renderers. */
export const CHART = { row: 18, labelWidth: 190, plotWidth: 760, top: 26, width: 190 + 760 + 20 } as const;

export type MarkKind = 'override' | 'skip' | 'undo' | 'note' | 'signoff' | 'done' | 'finish' | 'reopen';
export type BarKind = 'done' | 'skipped' | 'open' | 'forced';

/** Marker glyphs, centred on (0,0). */
export const GLYPH: Record<MarkKind, string> = {
  override: 'M0,-6 L6,0 L0,6 L-6,0 Z',
  skip: 'M-4,-4 L4,4 M4,-4 L-4,4',
  undo: 'M-4,-3 A5,5 0 1,1 -3,3',
  note: 'M-3,-3 H3 V3 H-3 Z',
  signoff: 'M-4,0 L-1,4 L5,-5',
  done: 'M0,-7 V7',
  finish: 'M-1,-7 H1 V7 H-1 Z M1,-7 L7,-4 L1,-1 Z',
  reopen: 'M0,-6 L5,5 H-5 Z',
};

export interface ChartMark {
  kind: MarkKind;
  at: string;
  x: number;
  /** The details shown on hover and focus. */
  tip: string;
}

/** A step's row in the chart; its id and the words of its bar's details come from its table row. */
export interface ChartRow {
  /** Index of the step in the report (and of its row in the table). */
  step: number;
  /** The planned duration, drawn dashed from where the step began. */
  plan?: { x: number; w: number };
  bar?: { kind: BarKind; x: number; w: number };
  /** In the order a keyboard walks them: after the bar. */
  marks: ChartMark[];
}

export interface IdleSpan {
  at: string;
  x: number;
  w: number;
  tip: string;
}

export interface ChartLayout {
  ticks: { x: number; text: string }[];
  idle: IdleSpan[];
  /** Markers on the run's own row: run notes, reopens, the finish. */
  head: ChartMark[];
  rows: ChartRow[];
}

/** A piece of a table cell: plain text, or text shown as a warning or muted. */
export type Segment = string | { cls: 'warn' | 'muted'; text: string };

export interface TableRow {
  /** `st-done`, `st-forced`, `st-skipped` or empty. */
  cls: string;
  id: string;
  title: string;
  state: string;
  who: string;
  began: string;
  ended: string;
  took: string;
  /** Done or skipped, but when work began was not recorded. */
  tookUnknown?: boolean;
  /** Took longer than planned. */
  over?: boolean;
  planned: string;
  evidence: string[];
  /** One line per note, override, skip reason, undo, sign-off. */
  notes: Segment[][];
}

/** The id, shortened to fit the chart's label column (the whole id is then its tooltip). */
export function rowLabel(id: string): string {
  return id.length > 30 ? `${id.slice(0, 29)}…` : id;
}

/** The details of a step's bar, in the words of its table row. */
export function barTip(t: TableRow): string {
  return `${t.id}: ${t.state}; began ${t.began}${t.ended ? `, ended ${t.ended} by ${t.who}` : ''}; ${t.took || 'in progress'}${t.planned ? ` (planned ${t.planned})` : ''}`;
}

/** A step shows in the chart when something happened to it. */
function charted(s: StepReport): boolean {
  return s.status !== 'not done' || s.inProgress || s.notes.length > 0 || s.undos.length > 0;
}

function niceStep(spanMs: number): number {
  const target = spanMs / 8;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);
  return steps.find((s) => s >= target) ?? steps[steps.length - 1];
}

const round = (n: number) => Math.round(n * 10) / 10;

export function chartLayout(r: RunReport, clock: RunClock): ChartLayout {
  const t0 = Date.parse(r.startedAt);
  const t1 = Math.max(Date.parse(r.endAt), t0 + 60_000);
  const xOf = (t: number) => round(CHART.labelWidth + ((t - t0) / (t1 - t0)) * CHART.plotWidth);
  const x = (iso: string) => xOf(Date.parse(iso));
  const span = (from: string, to: string) => ({ x: x(from), w: round(x(to) - x(from)) });
  const mark = (kind: MarkKind, at: string, tip: string): ChartMark => ({ kind, at, x: x(at), tip });

  // Ticks at round clock times in the reader's zone.
  const step = niceStep(t1 - t0);
  const ticks: ChartLayout['ticks'] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step)
    ticks.push({ x: xOf(t), text: clock.short(new Date(t).toISOString()) });

  const idle = r.idle.map((g) => ({
    at: g.from,
    ...span(g.from, g.to),
    tip: `Idle ${shortDuration(g.ms)}: nothing in progress from ${clock.short(g.from)} to ${clock.short(g.to)}`,
  }));

  const head: ChartMark[] = [
    ...r.runNotes.map((n) => mark('note', n.at, `${clock.short(n.at)} note by ${n.by}: ${n.text}`)),
    ...r.reopens.map((o) =>
      mark('reopen', o.at, `${clock.short(o.at)} reopened by ${o.by}${o.reason ? `: ${o.reason}` : ''}`),
    ),
  ];
  if (r.finished)
    head.push(
      mark(
        'finish',
        r.finishedAt!,
        `${clock.short(r.finishedAt!)} finished by ${r.finishedBy}${r.closingNote ? `: ${r.closingNote}` : ''}`,
      ),
    );

  const rows: ChartRow[] = [];
  r.steps.forEach((s, index) => {
    if (!charted(s)) return;
    const row: ChartRow = { step: index, marks: [] };
    if (s.startedAt) {
      const endIso = s.status === 'not done' ? r.endAt : s.at!;
      const kind: BarKind =
        s.status === 'skipped' ? 'skipped' : s.override ? 'forced' : s.status === 'done' ? 'done' : 'open';
      const x0 = x(s.startedAt);
      if (s.plannedMs !== undefined)
        row.plan = { x: x0, w: Math.max(1, round(xOf(Date.parse(s.startedAt) + s.plannedMs) - x0)) };
      row.bar = { kind, x: x0, w: Math.max(2, round(x(endIso) - x0)) };
    } else if (s.status === 'done')
      row.marks.push(
        mark('done', s.at!, `${s.id}: done ${clock.short(s.at!)} by ${s.by}; when work began was not recorded`),
      );
    if (s.override) row.marks.push(mark('override', s.at!, `Override by ${s.by}: ${s.override}`));
    if (s.status === 'skipped') row.marks.push(mark('skip', s.at!, `Skipped by ${s.by}: ${s.reason ?? ''}`));
    for (const u of s.undos)
      row.marks.push(mark('undo', u.at, `Undone ${clock.short(u.at)} by ${u.by}${u.reason ? `: ${u.reason}` : ''}`));
    for (const n of s.notes) row.marks.push(mark('note', n.at, `${clock.short(n.at)} note by ${n.by}: ${n.text}`));
    if (s.signedOff)
      row.marks.push(mark('signoff', s.signedOff.at, `Signed off ${clock.short(s.signedOff.at)} by ${s.signedOff.by}`));
    rows.push(row);
  });
  return { ticks, idle, head, rows };
}

export function tableRows(r: RunReport, clock: RunClock): TableRow[] {
  return r.steps.map((s) => {
    const ended = s.status !== 'not done';
    const notes: Segment[][] = [];
    if (s.override) notes.push([{ cls: 'warn', text: 'override' }, `: ${s.override}`]);
    if (s.reason) notes.push([`skipped: ${s.reason}`]);
    for (const n of s.notes) notes.push([`${clock.short(n.at)} ${n.by}: ${n.text}`]);
    for (const u of s.undos) notes.push([`${clock.short(u.at)} undone by ${u.by}${u.reason ? `: ${u.reason}` : ''}`]);
    if (s.signedOff) notes.push([`signed off ${clock.short(s.signedOff.at)} by ${s.signedOff.by}`]);
    if (s.signoffRequired && s.status === 'done' && !s.signedOff)
      notes.push([{ cls: 'warn', text: 'sign-off missing' }]);
    if (s.removed) notes.push([{ cls: 'muted', text: 'no longer in the runbook' }]);
    const row: TableRow = {
      cls: s.status === 'skipped' ? 'st-skipped' : s.override ? 'st-forced' : s.status === 'done' ? 'st-done' : '',
      id: s.id,
      title: s.title,
      state: statusLabel(s),
      who: ended ? (s.by ?? '') : '',
      began: s.startedAt ? clock.short(s.startedAt) : '',
      ended: ended ? clock.short(s.at!) : '',
      took: s.durationMs !== undefined ? shortDuration(s.durationMs) : '',
      planned: s.plannedMs === undefined ? '' : shortDuration(s.plannedMs),
      evidence: Object.entries(s.evidence ?? {}).map(([k, v]) => `${k}: ${v}`),
      notes,
    };
    if (s.durationMs === undefined && ended) row.tookUnknown = true;
    if (s.durationMs !== undefined && s.plannedMs !== undefined && s.durationMs > s.plannedMs) row.over = true;
    return row;
  });
}
