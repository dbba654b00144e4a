/**
 * Two runs side by side (a rehearsal against the last one, or against the real recovery): per step
 * the state, who, the time it took in each and the difference; and the steps skipped or forced in
 * one run but not in the other. Pure.
 */
import { shortDuration, statusLabel, type RunReport, type StepReport } from './report';
import { mdCell } from './reportMarkdown';
import { oneLine } from './reportText';
import { esc, REPORT_CSS } from './reportHtml';
import { RunClock } from './reportTime';

export interface CompareSide {
  status: string;
  by?: string;
  durationMs?: number;
  override?: string;
  reason?: string;
}

export interface CompareRow {
  id: string;
  title: string;
  a?: CompareSide;
  b?: CompareSide;
  /** b's duration minus a's, when both were recorded. */
  deltaMs?: number;
  /** Skipped, overridden or not done in one run and not the other. */
  differs: string[];
}

export interface RunComparison {
  version: 1;
  sameRunbook: boolean;
  a: { runbook: string; rehearsal: boolean; startedAt: string; elapsedMs: number; finished: boolean };
  b: { runbook: string; rehearsal: boolean; startedAt: string; elapsedMs: number; finished: boolean };
  rows: CompareRow[];
}

function side(s: StepReport | undefined): CompareSide | undefined {
  if (!s) return undefined;
  return {
    status: statusLabel(s),
    ...(s.by && s.status !== 'not done' ? { by: s.by } : {}),
    ...(s.durationMs !== undefined ? { durationMs: s.durationMs } : {}),
    ...(s.override ? { override: s.override } : {}),
    ...(s.reason ? { reason: s.reason } : {}),
  };
}

function differences(a: StepReport | undefined, b: StepReport | undefined): string[] {
  const out: string[] = [];
  if (!a || !b) return [a ? 'only in the first run' : 'only in the second run'];
  if ((a.status === 'skipped') !== (b.status === 'skipped'))
    out.push(a.status === 'skipped' ? 'skipped in the first' : 'skipped in the second');
  if (!!a.override !== !!b.override) out.push(a.override ? 'forced in the first' : 'forced in the second');
  if ((a.status === 'not done') !== (b.status === 'not done'))
    out.push(a.status === 'not done' ? 'not done in the first' : 'not done in the second');
  return out;
}

export function compareRuns(a: RunReport, b: RunReport): RunComparison {
  const byA = new Map(a.steps.map((s) => [s.id, s]));
  const byB = new Map(b.steps.map((s) => [s.id, s]));
  // The later run's order first (usually the current runbook), then what only the earlier one had.
  const ids = [...b.steps.map((s) => s.id), ...a.steps.map((s) => s.id).filter((id) => !byB.has(id))];
  const rows = ids.map((id): CompareRow => {
    const sa = byA.get(id),
      sb = byB.get(id);
    const deltaMs =
      sa?.durationMs !== undefined && sb?.durationMs !== undefined ? sb.durationMs - sa.durationMs : undefined;
    return {
      id,
      title: (sb ?? sa)!.title,
      ...(sa ? { a: side(sa) } : {}),
      ...(sb ? { b: side(sb) } : {}),
      ...(deltaMs !== undefined ? { deltaMs } : {}),
      differs: differences(sa, sb),
    };
  });
  const head = (r: RunReport) => ({
    runbook: r.runbook,
    rehearsal: r.rehearsal,
    startedAt: r.startedAt,
    elapsedMs: r.elapsedMs,
    finished: r.finished,
  });
  return { version: 1, sameRunbook: a.runbook === b.runbook, a: head(a), b: head(b), rows };
}

/** `+3m`, `-1h 05m`, `0s`. */
export function signedDuration(ms: number): string {
  return ms === 0 ? '0s' : `${ms > 0 ? '+' : '-'}${shortDuration(Math.abs(ms))}`;
}

const took = (s?: CompareSide) => (s?.durationMs === undefined ? '' : shortDuration(s.durationMs));
const kind = (r: { rehearsal: boolean }) => (r.rehearsal ? 'rehearsal' : 'real run');

export function comparisonMarkdown(c: RunComparison): string {
  const lines = [
    '# Runs compared',
    '',
    `- First: ${kind(c.a)} of ${mdCell(c.a.runbook)} started ${c.a.startedAt}, elapsed ${shortDuration(c.a.elapsedMs)}${c.a.finished ? '' : ' (not finished)'}`,
    `- Second: ${kind(c.b)} of ${mdCell(c.b.runbook)} started ${c.b.startedAt}, elapsed ${shortDuration(c.b.elapsedMs)}${c.b.finished ? '' : ' (not finished)'}`,
  ];
  if (!c.sameRunbook) lines.push('- Warning: the two runs are of different runbooks');
  lines.push(
    '',
    '| Step | First | Who | Took | Second | Who | Took | Difference | Notes |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of c.rows)
    lines.push(
      `| ${mdCell(r.id)} | ${r.a?.status ?? ''} | ${mdCell(r.a?.by)} | ${took(r.a)} | ${r.b?.status ?? ''} | ${mdCell(r.b?.by)} | ${took(r.b)} | ${r.deltaMs === undefined ? '' : signedDuration(r.deltaMs)} | ${r.differs.join('; ')} |`,
    );
  return lines.join('\n');
}

export function comparisonText(c: RunComparison): string {
  const lines = [
    `first: ${kind(c.a)} of ${oneLine(c.a.runbook)} started ${c.a.startedAt}, elapsed ${shortDuration(c.a.elapsedMs)}`,
    `second: ${kind(c.b)} of ${oneLine(c.b.runbook)} started ${c.b.startedAt}, elapsed ${shortDuration(c.b.elapsedMs)}`,
  ];
  if (!c.sameRunbook) lines.push('warning: the two runs are of different runbooks');
  const sideText = (s?: CompareSide) =>
    s ? `${s.status}${s.by ? ` by ${oneLine(s.by)}` : ''}${s.durationMs !== undefined ? ` (${took(s)})` : ''}` : '-';
  for (const r of c.rows)
    lines.push(
      `${oneLine(r.id)}  ${sideText(r.a)} | ${sideText(r.b)}${r.deltaMs === undefined ? '' : `  ${signedDuration(r.deltaMs)}`}${r.differs.length ? `  [${r.differs.join('; ')}]` : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

export const COMPARE_CSS = `
.runs{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:0 0 10px}
.runs section{border:1px solid var(--line);padding:6px 10px}.runs h2{margin:0 0 4px}.runs p{margin:0}
table.compare th[colspan]{text-align:center;border-bottom-color:var(--muted)}
@media print{.runs section{break-inside:avoid}thead{display:table-header-group}}
td.diff-slower{color:var(--force)}td.diff-faster{color:var(--done)}
tr.differs td.notes{color:var(--force);font-weight:600}
`;

export interface CompareHtmlOptions {
  /** The zone the start times are shown in (default UTC). */
  timeZone?: string;
  /** Buttons for the view's compare panel (its page script posts them); the export has none. */
  toolbar?: boolean;
}

/** The comparison as HTML (the view's compare panel and the export): the two runs side by side, then per step. */
export function comparisonBody(c: RunComparison, options: CompareHtmlOptions = {}): string {
  const zone = options.timeZone ?? 'UTC';
  const head = (title: string, r: RunComparison['a']) =>
    `<section><h2>${title}: ${r.rehearsal ? 'rehearsal' : 'real run'}</h2><p>${esc(r.runbook)}<br>started ${esc(new RunClock(r.startedAt, zone).full(r.startedAt))}<br>elapsed ${esc(shortDuration(r.elapsedMs))}${r.finished ? '' : ' (not finished)'}</p></section>`;
  const cell = (s?: CompareSide) =>
    s
      ? `<td>${esc(s.status)}</td><td>${esc(s.by)}</td><td class="num">${esc(took(s))}</td>`
      : '<td class="muted">not in this run</td><td></td><td></td>';
  const rows = c.rows.map((r) => {
    const diffClass = r.deltaMs === undefined ? '' : r.deltaMs > 0 ? 'diff-slower' : r.deltaMs < 0 ? 'diff-faster' : '';
    return `<tr class="${r.differs.length ? 'differs' : ''}"><td><code>${esc(r.id)}</code><br><span class="muted">${esc(r.title)}</span></td>${cell(r.a)}${cell(r.b)}<td class="num ${diffClass}">${r.deltaMs === undefined ? '' : esc(signedDuration(r.deltaMs))}</td><td class="notes">${esc(r.differs.join('; '))}</td></tr>`;
  });
  const toolbar = options.toolbar
    ? '<div class="toolbar" role="toolbar"><button type="button" data-action="exportHtml">Export HTML…</button></div>'
    : '';
  return `${toolbar}<h1>Runs compared</h1>${c.sameRunbook ? '' : '<p class="warn">The two runs are of different runbooks.</p>'}<div class="runs">${head('First', c.a)}${head('Second', c.b)}</div><table class="compare"><thead><tr><th rowspan="2">Step</th><th colspan="3">First</th><th colspan="3">Second</th><th rowspan="2">Difference</th><th rowspan="2">Only in one run</th></tr><tr><th>State</th><th>Who</th><th>Took</th><th>State</th><th>Who</th><th>Took</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One self-contained file like the single run's export: inline CSS, no script, and a policy that would refuse one. */
export function comparisonDocument(c: RunComparison, options: CompareHtmlOptions = {}): string {
  const title = `Runs compared: ${c.a.runbook}${c.sameRunbook ? '' : ` and ${c.b.runbook}`}`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${REPORT_CSS}${COMPARE_CSS}</style></head><body>${comparisonBody(c, { ...options, toolbar: false })}</body></html>\n`;
}
