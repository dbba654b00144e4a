/**
 * The report as HTML: header, an SVG timeline and the step table. Pure strings, so the report view
 * (webview, CSP with a nonce) and the exported file (self-contained, no script) show the same thing.
 * Every text from a record goes through `esc`; nothing here builds a URL, a handler or a style
 * attribute from record text. Colours are CSS variables: the editor's theme in the view, fallbacks
 * (and print) in the export.
 */
import { shortDuration, type RunReport } from './report';
import {
  barTip,
  CHART,
  chartLayout,
  rowLabel,
  GLYPH,
  tableRows,
  type ChartLayout,
  type ChartMark,
  type ChartRow,
  type MarkKind,
  type Segment,
  type TableRow,
} from './reportLayout';
import { objectiveWords } from './reportMarkdown';
import { RunClock } from './reportTime';

export function esc(text: string | number | undefined): string {
  return String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export const REPORT_CSS = `
:root{--fg:var(--vscode-foreground,#1f2328);--bg:var(--vscode-editor-background,#fff);--muted:var(--vscode-descriptionForeground,#59636e);--line:var(--vscode-panel-border,#d0d7de);--done:var(--vscode-charts-green,#1a7f37);--skip:var(--vscode-charts-yellow,#9a6700);--force:var(--vscode-charts-red,#cf222e);--open:var(--vscode-charts-blue,#0969da);--note:var(--vscode-charts-purple,#8250df);--focus:var(--vscode-focusBorder,#0969da);--idle:var(--vscode-editorWidget-background,#eaeef2)}
body{font-family:var(--vscode-font-family,system-ui,sans-serif);font-size:var(--vscode-font-size,13px);color:var(--fg);background:var(--bg);margin:0;padding:12px 20px;line-height:1.4}
h1{font-size:1.4em;margin:0 0 6px}h2{font-size:1.1em;margin:18px 0 6px}
.toolbar{display:flex;gap:8px;margin:0 0 10px}
.toolbar button{font:inherit;color:var(--vscode-button-foreground,#fff);background:var(--vscode-button-background,#0969da);border:1px solid var(--vscode-button-border,var(--vscode-contrastBorder,transparent));padding:3px 10px;cursor:pointer}
.toolbar button:focus-visible,.mk:focus-visible,.bar:focus-visible{outline:2px solid var(--focus);outline-offset:1px}
dl.head{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}
dl.head dt{color:var(--muted)}dl.head dd{margin:0}
.warn{color:var(--force);font-weight:600}.ok{color:var(--done);font-weight:600}.muted{color:var(--muted)}
.chart{overflow-x:auto;border:1px solid var(--line)}
svg.timeline{display:block;font-size:11px}
svg .lbl{fill:var(--fg)}svg .axis{stroke:var(--line)}svg .tick{fill:var(--muted)}
svg .row{fill:transparent}svg .row:nth-of-type(even){fill:var(--idle);opacity:.35}
svg .bar-done{fill:var(--done)}svg .bar-skipped{fill:var(--skip)}svg .bar-open{fill:var(--open)}svg .bar-forced{fill:var(--force)}
svg .plan{fill:none;stroke:var(--muted);stroke-dasharray:3 2}
svg .idle{fill:var(--idle);stroke:var(--muted);stroke-dasharray:2 3}svg .idle-band{fill:var(--muted);opacity:.14}\n.chunk{content-visibility:auto;contain-intrinsic-size:auto 1800px}
svg .mk-override path{fill:var(--force)}svg .mk-skip path{stroke:var(--skip);stroke-width:2.5;fill:none}
svg .mk-undo path{fill:none;stroke:var(--force);stroke-width:2}svg .mk-note path{fill:var(--note)}
svg .mk-signoff path{fill:none;stroke:var(--done);stroke-width:2.5}svg .mk-done path{stroke:var(--done);stroke-width:2.5}
svg .mk-finish path,svg .mk-reopen path{fill:var(--fg)}
svg .mk-override path,svg .mk-note path{stroke:var(--bg);stroke-width:1.5;paint-order:stroke}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;margin:6px 0;color:var(--muted)}
.legend svg{vertical-align:middle}
#detail{min-height:1.4em;margin:6px 0;color:var(--fg)}
table{border-collapse:collapse;width:100%}table.steps{table-layout:fixed}col.c-n{width:3em}col.c-step{width:18%}col.c-state{width:7.5em}col.c-who{width:6em}col.c-when{width:5em}col.c-took{width:5.5em}col.c-ev{width:14%}td{overflow-wrap:anywhere}
th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}td.num .muted{white-space:normal}td.when{white-space:nowrap}
tr.flash td{background:var(--idle)}
tr.st-forced td.state{color:var(--force);font-weight:600}tr.st-skipped td.state{color:var(--skip)}tr.st-done td.state{color:var(--done)}
.over{color:var(--force)}
@media print{body{padding:0;font-size:10pt}.chunk{content-visibility:visible}.toolbar,#detail{display:none}.chart{overflow:visible;border:0}svg.timeline{width:100%;height:auto}tr{break-inside:avoid}*{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;

/**
 * The view only: the timeline scrolls in a box of its own under a time axis that stays in sight, so
 * the table is one page down however long the run (the export prints every row instead).
 */
export const VIEW_CSS = `
.chart.live{max-height:65vh;overflow:auto}
.chart-head{position:sticky;top:0;z-index:1;width:max-content;background:var(--bg);border-bottom:1px solid var(--line)}
`;

export interface HtmlOptions {
  timeZone?: string;
  /** Buttons for the view (its page script handles them); the export has none. */
  toolbar?: boolean;
  /**
   * The report view: the header, the time axis and the run's row as HTML, but the step rows of the
   * timeline and the table left empty for the page script, which draws them from the layout
   * (`reportViewModel`) as they come into sight. Only for the view: the export has no script, so
   * it draws everything.
   */
  live?: boolean;
}

const { row: ROW, top: TOP, width: WIDTH } = CHART;

/** Rows per SVG (and per table) of the export: a reader skips laying out chunks off screen. */
const CHUNK = 100;

function svg(height: number, content: string, label: string): string {
  return `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="group" aria-label="${label}">${content}</svg>`;
}

function markSvg(m: ChartMark, y: number, row?: ChartRow, id?: string): string {
  const step = row ? ` data-step="${esc(id)}" data-row="${row.step}"` : '';
  return `<g class="mk mk-${m.kind}" tabindex="0" data-kind="${m.kind}" data-at="${esc(m.at)}"${step} transform="translate(${m.x},${y})"><title>${esc(m.tip)}</title><path d="${GLYPH[m.kind]}"/></g>`;
}

/** The idle bands and the grid lines at the ticks, behind the rows, down to y1. */
function backdrop(layout: ChartLayout, bandTop: number, gridTop: number, y1: number): string {
  return (
    layout.idle
      .map(
        (g) =>
          `<rect class="idle-band" aria-hidden="true" x="${g.x}" y="${bandTop}" width="${g.w}" height="${y1 - bandTop}"/>`,
      )
      .join('') +
    layout.ticks.map((t) => `<line class="axis" x1="${t.x}" y1="${gridTop}" x2="${t.x}" y2="${y1}"/>`).join('')
  );
}

/** The head (the view keeps it in sight): tick labels, the idle gaps (focusable, with their details) and the run's own row. */
export function headSvg(layout: ChartLayout): string {
  const height = TOP + ROW;
  const y = TOP + ROW / 2;
  const parts = [backdrop(layout, TOP - 4, TOP - 6, height)];
  // Idle gaps first, so the clock labels stay readable on top of them.
  for (const g of layout.idle)
    parts.push(
      `<rect class="idle" x="${g.x}" y="2" width="${g.w}" height="${TOP - 6}" tabindex="0" data-kind="idle" data-at="${esc(g.at)}"><title>${esc(g.tip)}</title></rect>`,
    );
  for (const t of layout.ticks)
    parts.push(`<text class="tick" x="${t.x}" y="12" text-anchor="middle">${esc(t.text)}</text>`);
  parts.push(`<text class="lbl" x="4" y="${y + 4}">(run)</text>`);
  for (const m of layout.head) parts.push(markSvg(m, y));
  return svg(height, parts.join(''), 'Timeline of the run: time axis, idle gaps and run events');
}

/** One step's row of the timeline at height y (its centre): label, planned span, bar, markers. */
function rowSvg(row: ChartRow, t: TableRow, y: number): string {
  const label = rowLabel(t.id);
  const out = [
    `<text class="lbl" x="4" y="${y + 4}">${label === t.id ? '' : `<title>${esc(t.id)}</title>`}${esc(label)}</text>`,
  ];
  if (row.plan) out.push(`<rect class="plan" x="${row.plan.x}" y="${y - 7}" width="${row.plan.w}" height="14"/>`);
  if (row.bar)
    out.push(
      `<rect class="bar bar-${row.bar.kind}" tabindex="0" data-step="${esc(t.id)}" data-row="${row.step}" x="${row.bar.x}" y="${y - 5}" width="${row.bar.w}" height="10" rx="2"><title>${esc(barTip(t))}</title></rect>`,
    );
  for (const m of row.marks) out.push(markSvg(m, y, row, t.id));
  return out.join('');
}

/** The whole timeline for the export: the head, then every row, in chunks of one SVG each. */
function timeline(layout: ChartLayout, table: TableRow[]): string {
  const parts = [headSvg(layout)];
  for (let c = 0; c < layout.rows.length; c += CHUNK) {
    const chunk = layout.rows.slice(c, c + CHUNK);
    const height = chunk.length * ROW;
    const rows = chunk.map((row, j) => rowSvg(row, table[row.step], (j + 0.5) * ROW)).join('');
    parts.push(
      `<div class="chunk">${svg(height, backdrop(layout, 0, 0, height) + rows, `Steps ${c + 1} to ${c + chunk.length} of the timeline: one bar per started step`)}</div>`,
    );
  }
  return parts.join('');
}

function legend(): string {
  const sw = (cls: string, shape: string) =>
    `<svg width="16" height="14" viewBox="-8 -7 16 14" aria-hidden="true"><g class="${cls}">${shape}</g></svg>`;
  const item = (cls: string, text: string) =>
    `<span>${sw(`mk ${cls}`, `<path d="${GLYPH[cls.slice(3) as MarkKind]}"/>`)} ${text}</span>`;
  return `<div class="legend"><span>${sw('', '<rect class="bar-done" x="-7" y="-4" width="14" height="8"/>')} done</span><span>${sw('', '<rect class="bar-forced" x="-7" y="-4" width="14" height="8"/>')} done with override</span><span>${sw('', '<rect class="bar-skipped" x="-7" y="-4" width="14" height="8"/>')} skipped</span><span>${sw('', '<rect class="bar-open" x="-7" y="-4" width="14" height="8"/>')} in progress</span><span>${sw('', '<rect class="plan" x="-7" y="-5" width="14" height="10"/>')} planned</span><span>${sw('', '<rect class="idle" x="-7" y="-6" width="14" height="12"/>')} idle</span>${item('mk-override', 'override')}${item('mk-skip', 'skip')}${item('mk-undo', 'undo')}${item('mk-note', 'note')}${item('mk-signoff', 'sign-off')}${item('mk-done', 'done, start not recorded')}</div>`;
}

function header(r: RunReport, clock: RunClock): string {
  const row = (k: string, v: string) => `<dt>${k}</dt><dd>${v}</dd>`;
  const objectiveClass =
    r.objective?.outcome === 'met' ? 'ok' : r.objective && r.objective.outcome !== 'open' ? 'warn' : '';
  const parts = [
    row(
      'Runbook',
      `${esc(r.runbook)} <span class="muted" title="${esc(r.sha256)}">sha256 ${esc(r.sha256.slice(0, 12))}</span>`,
    ),
  ];
  if (r.runbookChanged !== undefined)
    parts.push(
      row(
        'Changed since',
        r.runbookChanged ? `<span class="warn">${esc(r.changes ?? 'the runbook text changed')}</span>` : 'no',
      ),
    );
  parts.push(row('Kind', r.rehearsal ? 'rehearsal' : '<strong>real run</strong>'));
  if (r.startedWithErrors)
    parts.push(
      row(
        'Started with errors',
        `<span class="warn">${r.startedWithErrors.errors}</span>: ${esc(r.startedWithErrors.reason)}`,
      ),
    );
  parts.push(
    row('Operators', esc(r.operators.join(', '))),
    row('Started', `${esc(clock.full(r.startedAt))} by ${esc(r.startedBy)}`),
    row(
      'Finished',
      r.finished
        ? `${esc(clock.full(r.finishedAt!))} by ${esc(r.finishedBy)}`
        : `not finished <span class="muted">(last event ${esc(clock.full(r.lastAt))})</span>`,
    ),
    row('Elapsed', `${esc(shortDuration(r.elapsedMs))}${r.finished ? '' : ' so far'}`),
    row('Objective', `<span class="${objectiveClass}">${esc(objectiveWords(r))}</span>`),
    row(
      'Progress',
      `${r.progress.done} done, ${r.progress.skipped} skipped, ${r.progress.notDone} not done, of ${r.progress.total}`,
    ),
  );
  if (r.closingNote) parts.push(row('Closing note', esc(r.closingNote)));
  return `<dl class="head">${parts.join('')}</dl>`;
}

const segment = (s: Segment) => (typeof s === 'string' ? esc(s) : `<span class="${s.cls}">${esc(s.text)}</span>`);

function tableRowHtml(row: TableRow, i: number): string {
  const took = row.tookUnknown ? '<span class="muted">not recorded</span>' : esc(row.took);
  const evidence = row.evidence.map(esc).join('<br>');
  const notes = row.notes.map((line) => line.map(segment).join('')).join('<br>');
  return `<tr class="${row.cls}" id="row-${i}"><td class="num">${i + 1}</td><td><code>${esc(row.id)}</code><br><span class="muted">${esc(row.title)}</span></td><td class="state">${esc(row.state)}</td><td>${esc(row.who)}</td><td class="when">${esc(row.began)}</td><td class="when">${esc(row.ended)}</td><td class="num${row.over ? ' over' : ''}">${took}</td><td class="num">${esc(row.planned)}</td><td>${evidence}</td><td>${notes}</td></tr>`;
}

/** Fixed layout with the same columns in every chunk: the chunks line up, and a long run lays out fast. */
export const TABLE_COLUMNS =
  '<colgroup><col class="c-n"><col class="c-step"><col class="c-state"><col class="c-who"><col class="c-when"><col class="c-when"><col class="c-took"><col class="c-took"><col class="c-ev"><col></colgroup>';
export const TABLE_HEAD =
  '<thead><tr><th class="num">#</th><th>Step</th><th>State</th><th>Who</th><th>Began</th><th>Ended</th><th class="num">Took</th><th class="num">Planned</th><th>Evidence</th><th>Notes</th></tr></thead>';

function table(rows: TableRow[]): string {
  const html = rows.map(tableRowHtml);
  const tables: string[] = [];
  for (let c = 0; c < Math.max(html.length, 1); c += CHUNK)
    tables.push(
      `<div class="chunk"><table class="steps">${TABLE_COLUMNS}${c === 0 ? TABLE_HEAD : ''}<tbody>${html.slice(c, c + CHUNK).join('')}</tbody></table></div>`,
    );
  return tables.join('');
}

/** What the view's page script draws: the step rows of the timeline and of the table. */
export interface ReportViewModel {
  chart: { rows: ChartRow[]; ticks: number[]; idle: { x: number; w: number }[] };
  table: TableRow[];
}

/** The rows the first screen needs, and how many there are in all. */
export interface ReportViewFirst extends ReportViewModel {
  total: { chart: number; table: number };
  /** Rows of the table drawn before the first paint (`table` may hold more: the chart's rows need theirs). */
  tableFirst: number;
}

/** The other rows, which the page takes once the document is parsed. */
export interface ReportViewRest {
  chart: ChartRow[];
  table: TableRow[];
}

/**
 * Splits the view's model so the page can draw its first screen from a small part, before the
 * browser has even read the rest (a 2,000-step run's rows are most of the page's bytes).
 */
export function splitViewModel(
  m: ReportViewModel,
  chartRows: number,
  tableRows: number,
): { first: ReportViewFirst; rest: ReportViewRest } {
  const chart = m.chart.rows.slice(0, chartRows);
  // A chart row takes its step's id and words from the table row: send those along.
  const tableIn = Math.max(tableRows, (chart.at(-1)?.step ?? -1) + 1);
  return {
    first: {
      chart: { ...m.chart, rows: chart },
      table: m.table.slice(0, tableIn),
      total: { chart: m.chart.rows.length, table: m.table.length },
      tableFirst: Math.min(tableRows, m.table.length),
    },
    rest: { chart: m.chart.rows.slice(chartRows), table: m.table.slice(tableIn) },
  };
}

/** The report's content (inside `<body>`); for the view (`live`), also the model its script draws. */
export function reportParts(r: RunReport, options: HtmlOptions = {}): { body: string; model?: ReportViewModel } {
  const zone = options.timeZone ?? 'UTC';
  const clock = new RunClock(r.startedAt, zone);
  const layout = chartLayout(r, clock);
  const rows = tableRows(r, clock);
  const toolbar = options.toolbar
    ? '<div class="toolbar" role="toolbar"><button type="button" data-action="openText">Open as text</button><button type="button" data-action="exportHtml">Export HTML…</button><button type="button" data-action="compare">Compare with…</button></div>'
    : '';
  const idle = r.idle.length
    ? `<ul>${r.idle.map((g) => `<li>${esc(clock.short(g.from))} to ${esc(clock.short(g.to))}: ${esc(shortDuration(g.ms))}</li>`).join('')}</ul>`
    : '<p>None.</p>';
  const chart = options.live
    ? `<div class="chart live" id="chart"><div class="chart-head">${headSvg(layout)}</div><div id="chart-rows"></div></div>`
    : `<div class="chart">${timeline(layout, rows)}</div>`;
  const steps = options.live ? '<div id="steps"></div>' : table(rows);
  const body = `${toolbar}<h1>${r.rehearsal ? 'Rehearsal' : 'Run'} report: ${esc(r.title ?? r.runbook)}</h1>${header(r, clock)}<h2>Timeline <span class="muted">(times in ${esc(zone)})</span></h2>${legend()}${chart}<div id="detail" role="status" aria-live="polite"></div><h2>Steps</h2>${steps}<h2>Idle gaps</h2>${idle}`;
  if (!options.live) return { body };
  return {
    body,
    model: {
      chart: {
        rows: layout.rows,
        ticks: layout.ticks.map((t) => t.x),
        idle: layout.idle.map(({ x, w }) => ({ x, w })),
      },
      table: rows,
    },
  };
}

/** The report's content (inside `<body>`), every row drawn. */
export function reportBody(r: RunReport, options: HtmlOptions = {}): string {
  return reportParts(r, { ...options, live: false }).body;
}

/** One self-contained file: inline CSS and SVG, no script, and a policy that would refuse one. */
export function reportDocument(r: RunReport, options: HtmlOptions = {}): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(`${r.rehearsal ? 'Rehearsal' : 'Run'} report: ${r.title ?? r.runbook}`)}</title><style>${REPORT_CSS}</style></head><body>${reportBody(r, { ...options, toolbar: false })}</body></html>\n`;
}
