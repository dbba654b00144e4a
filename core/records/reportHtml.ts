/**
 * The report as HTML: header, an SVG timeline and the step table. Pure strings, so the report view
 * (webview, CSP with a nonce) and the exported file (self-contained, no script) show the same thing.
 * Every text from a record goes through `esc`; nothing here builds a URL, a handler or a style
 * attribute from record text. Colours are CSS variables: the editor's theme in the view, fallbacks
 * (and print) in the export.
 */
import { shortDuration, statusLabel, type RunReport, type StepReport } from './report';
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
.toolbar button{font:inherit;color:var(--vscode-button-foreground,#fff);background:var(--vscode-button-background,#0969da);border:0;padding:4px 10px;cursor:pointer}
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
table{border-collapse:collapse;width:100%}table.steps{table-layout:fixed}col.c-n{width:3em}col.c-step{width:22%}col.c-state{width:8em}col.c-who{width:7em}col.c-when{width:6.5em}col.c-took{width:5em}col.c-ev{width:14%}td{overflow-wrap:anywhere}
th,td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}td.when{white-space:nowrap}
tr.flash td{background:var(--idle)}
tr.st-forced td.state{color:var(--force);font-weight:600}tr.st-skipped td.state{color:var(--skip)}tr.st-done td.state{color:var(--done)}
.over{color:var(--force)}
@media print{body{padding:0;font-size:10pt}.chunk{content-visibility:visible}.toolbar,#detail{display:none}.chart{overflow:visible;border:0}svg.timeline{width:100%;height:auto}tr{break-inside:avoid}*{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;

export interface HtmlOptions {
  timeZone?: string;
  /** Buttons for the view (its page script handles them); the export has none. */
  toolbar?: boolean;
  /**
   * Rows drawn at once; the rest arrive as inert `<template>`s that the view's page script puts in
   * place after the first paint (a 2,000-step run paints its first screen without laying out the
   * rest). Only for the view: the export has no script, so it draws everything.
   */
  firstRows?: number;
}

/** A chunk drawn now, or kept in a template for the page script (data-deferred). */
function deferred(html: string, index: number, firstRows: number | undefined): string {
  return firstRows === undefined || index < firstRows ? html : `<template data-deferred>${html}</template>`;
}

const ROW = 18;
const LABEL_W = 190;
const CHART_W = 760;
const TOP = 26;

/** A step shows in the chart when something happened to it. */
function charted(s: StepReport): boolean {
  return s.status !== 'not done' || s.inProgress || s.notes.length > 0 || s.undos.length > 0;
}

/** Marker glyphs, centred on (0,0). */
const GLYPH: Record<string, string> = {
  override: 'M0,-6 L6,0 L0,6 L-6,0 Z',
  skip: 'M-4,-4 L4,4 M4,-4 L-4,4',
  undo: 'M-4,-3 A5,5 0 1,1 -3,3',
  note: 'M-3,-3 H3 V3 H-3 Z',
  signoff: 'M-4,0 L-1,4 L5,-5',
  done: 'M0,-7 V7',
  finish: 'M-1,-7 H1 V7 H-1 Z M1,-7 L7,-4 L1,-1 Z',
  reopen: 'M0,-6 L5,5 H-5 Z',
};

function niceStep(spanMs: number): number {
  const target = spanMs / 8;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);
  return steps.find((s) => s >= target) ?? steps[steps.length - 1];
}

/** Rows per SVG (and per table): the browser skips laying out and painting chunks off screen. */
const CHUNK = 100;

function timeline(r: RunReport, clock: RunClock, firstRows?: number): string {
  const t0 = Date.parse(r.startedAt);
  const t1 = Math.max(Date.parse(r.endAt), t0 + 60_000);
  const x = (iso: string) => (LABEL_W + ((Date.parse(iso) - t0) / (t1 - t0)) * CHART_W).toFixed(1);
  const rows = r.steps.filter(charted);
  const w = LABEL_W + CHART_W + 20;
  const svg = (height: number, content: string[], label: string) =>
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" role="group" aria-label="${label}">${content.join('')}</svg>`;
  // Axis: ticks at round clock times in the reader's zone; each chunk repeats the grid lines.
  const step = niceStep(t1 - t0);
  const ticks: string[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(x(new Date(t).toISOString()));
  const grid = (y0: number, y1: number) =>
    ticks.map((tx) => `<line class="axis" x1="${tx}" y1="${y0}" x2="${tx}" y2="${y1}"/>`).join('');
  const bands = (y0: number, height: number) =>
    r.idle
      .map(
        (g) =>
          `<rect class="idle-band" aria-hidden="true" x="${x(g.from)}" y="${y0}" width="${(+x(g.to) - +x(g.from)).toFixed(1)}" height="${height}"/>`,
      )
      .join('');
  const marker = (kind: string, at: string, y: number, text: string, step?: string, row?: number) =>
    `<g class="mk mk-${kind}" tabindex="0" data-kind="${kind}" data-at="${esc(at)}"${step === undefined ? '' : ` data-step="${esc(step)}" data-row="${row}"`} transform="translate(${x(at)},${y})"><title>${esc(text)}</title><path d="${GLYPH[kind]}"/></g>`;

  // The head: tick labels, the idle gaps (focusable, with their details) and the run's own row.
  const headHeight = TOP + ROW;
  const head: string[] = [bands(TOP - 4, ROW + 4), grid(TOP - 6, headHeight)];
  // Idle gaps first, so the clock labels stay readable on top of them.
  for (const g of r.idle)
    head.push(
      `<rect class="idle" x="${x(g.from)}" y="2" width="${(+x(g.to) - +x(g.from)).toFixed(1)}" height="${TOP - 6}" tabindex="0" data-kind="idle" data-at="${esc(g.from)}"><title>${esc(`Idle ${shortDuration(g.ms)}: nothing in progress from ${clock.short(g.from)} to ${clock.short(g.to)}`)}</title></rect>`,
    );
  ticks.forEach((tx, k) =>
    head.push(
      `<text class="tick" x="${tx}" y="12" text-anchor="middle">${esc(clock.short(new Date(Math.ceil(t0 / step) * step + k * step).toISOString()))}</text>`,
    ),
  );
  let y = TOP + ROW / 2;
  head.push(`<text class="lbl" x="4" y="${y + 4}">(run)</text>`);
  for (const n of r.runNotes) head.push(marker('note', n.at, y, `${clock.short(n.at)} note by ${n.by}: ${n.text}`));
  for (const o of r.reopens)
    head.push(marker('reopen', o.at, y, `${clock.short(o.at)} reopened by ${o.by}${o.reason ? `: ${o.reason}` : ''}`));
  if (r.finished)
    head.push(
      marker(
        'finish',
        r.finishedAt!,
        y,
        `${clock.short(r.finishedAt!)} finished by ${r.finishedBy}${r.closingNote ? `: ${r.closingNote}` : ''}`,
      ),
    );
  const parts = [svg(headHeight, head, 'Timeline of the run: time axis, idle gaps and run events')];

  const rowOf = new Map(r.steps.map((s, i) => [s, i]));
  for (let c = 0; c < rows.length; c += CHUNK) {
    const chunk = rows.slice(c, c + CHUNK);
    const height = chunk.length * ROW;
    const out: string[] = [bands(0, height), grid(0, height)];
    chunk.forEach((s, j) => {
      y = (j + 0.5) * ROW;
      const row = rowOf.get(s)!;
      const label = s.id.length > 30 ? `${s.id.slice(0, 29)}…` : s.id;
      out.push(
        `<text class="lbl" x="4" y="${y + 4}">${label === s.id ? '' : `<title>${esc(s.id)}</title>`}${esc(label)}</text>`,
      );
      if (s.startedAt) {
        const endIso = s.status === 'not done' ? r.endAt : s.at!;
        const kind = s.status === 'skipped' ? 'skipped' : s.override ? 'forced' : s.status === 'done' ? 'done' : 'open';
        const x0 = +x(s.startedAt);
        const width = Math.max(2, +x(endIso) - x0).toFixed(1);
        if (s.plannedMs !== undefined) {
          const planEnd = new Date(Date.parse(s.startedAt) + s.plannedMs).toISOString();
          out.push(
            `<rect class="plan" x="${x0}" y="${y - 7}" width="${Math.max(1, +x(planEnd) - x0).toFixed(1)}" height="14"/>`,
          );
        }
        const took = s.durationMs !== undefined ? shortDuration(s.durationMs) : 'in progress';
        const tip = `${s.id}: ${statusLabel(s)}; began ${clock.short(s.startedAt)}${s.status !== 'not done' ? `, ended ${clock.short(s.at!)} by ${s.by}` : ''}; ${took}${s.plannedMs !== undefined ? ` (planned ${shortDuration(s.plannedMs)})` : ''}`;
        out.push(
          `<rect class="bar bar-${kind}" tabindex="0" data-step="${esc(s.id)}" data-row="${row}" x="${x0}" y="${y - 5}" width="${width}" height="10" rx="2"><title>${esc(tip)}</title></rect>`,
        );
      } else if (s.status === 'done')
        out.push(
          marker(
            'done',
            s.at!,
            y,
            `${s.id}: done ${clock.short(s.at!)} by ${s.by}; when work began was not recorded`,
            s.id,
            row,
          ),
        );
      if (s.override) out.push(marker('override', s.at!, y, `Override by ${s.by}: ${s.override}`, s.id, row));
      if (s.status === 'skipped')
        out.push(marker('skip', s.at!, y, `Skipped by ${s.by}: ${s.reason ?? ''}`, s.id, row));
      for (const u of s.undos)
        out.push(
          marker(
            'undo',
            u.at,
            y,
            `Undone ${clock.short(u.at)} by ${u.by}${u.reason ? `: ${u.reason}` : ''}`,
            s.id,
            row,
          ),
        );
      for (const n of s.notes)
        out.push(marker('note', n.at, y, `${clock.short(n.at)} note by ${n.by}: ${n.text}`, s.id, row));
      if (s.signedOff)
        out.push(
          marker(
            'signoff',
            s.signedOff.at,
            y,
            `Signed off ${clock.short(s.signedOff.at)} by ${s.signedOff.by}`,
            s.id,
            row,
          ),
        );
    });
    parts.push(
      deferred(
        `<div class="chunk">${svg(height, out, `Steps ${c + 1} to ${c + chunk.length} of the timeline: one bar per started step`)}</div>`,
        c,
        firstRows,
      ),
    );
  }
  return parts.join('');
}

function legend(): string {
  const sw = (cls: string, shape: string) =>
    `<svg width="16" height="14" viewBox="-8 -7 16 14" aria-hidden="true"><g class="${cls}">${shape}</g></svg>`;
  const item = (cls: string, text: string) =>
    `<span>${sw(`mk ${cls}`, `<path d="${GLYPH[cls.slice(3)]}"/>`)} ${text}</span>`;
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

function table(r: RunReport, clock: RunClock, firstRows?: number): string {
  const rows = r.steps.map((s, i) => {
    const ended = s.status !== 'not done';
    const cls = s.status === 'skipped' ? 'st-skipped' : s.override ? 'st-forced' : s.status === 'done' ? 'st-done' : '';
    const took =
      s.durationMs !== undefined
        ? esc(shortDuration(s.durationMs))
        : s.status === 'not done'
          ? ''
          : '<span class="muted">not recorded</span>';
    const over = s.durationMs !== undefined && s.plannedMs !== undefined && s.durationMs > s.plannedMs;
    const evidence = Object.entries(s.evidence ?? {})
      .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
      .join('<br>');
    const notes = [
      ...(s.override ? [`<span class="warn">override</span>: ${esc(s.override)}`] : []),
      ...(s.reason ? [`skipped: ${esc(s.reason)}`] : []),
      ...s.notes.map((n) => `${esc(clock.short(n.at))} ${esc(n.by)}: ${esc(n.text)}`),
      ...s.undos.map((u) => `${esc(clock.short(u.at))} undone by ${esc(u.by)}${u.reason ? `: ${esc(u.reason)}` : ''}`),
      ...(s.signedOff ? [`signed off ${esc(clock.short(s.signedOff.at))} by ${esc(s.signedOff.by)}`] : []),
      ...(s.signoffRequired && s.status === 'done' && !s.signedOff
        ? ['<span class="warn">sign-off missing</span>']
        : []),
      ...(s.removed ? ['<span class="muted">no longer in the runbook</span>'] : []),
    ].join('<br>');
    return `<tr class="${cls}" id="row-${i}"><td class="num">${i + 1}</td><td><code>${esc(s.id)}</code><br><span class="muted">${esc(s.title)}</span></td><td class="state">${esc(statusLabel(s))}</td><td>${ended ? esc(s.by) : ''}</td><td class="when">${s.startedAt ? esc(clock.short(s.startedAt)) : ''}</td><td class="when">${ended ? esc(clock.short(s.at!)) : ''}</td><td class="num${over ? ' over' : ''}">${took}</td><td class="num">${s.plannedMs === undefined ? '' : esc(shortDuration(s.plannedMs))}</td><td>${evidence}</td><td>${notes}</td></tr>`;
  });
  // Fixed layout with the same columns in every chunk: the chunks line up, and a long run lays out fast.
  const cols =
    '<colgroup><col class="c-n"><col class="c-step"><col class="c-state"><col class="c-who"><col class="c-when"><col class="c-when"><col class="c-took"><col class="c-took"><col class="c-ev"><col></colgroup>';
  const head =
    '<thead><tr><th class="num">#</th><th>Step</th><th>State</th><th>Who</th><th>Began</th><th>Ended</th><th class="num">Took</th><th class="num">Planned</th><th>Evidence</th><th>Notes</th></tr></thead>';
  const tables: string[] = [];
  for (let c = 0; c < Math.max(rows.length, 1); c += CHUNK)
    tables.push(
      deferred(
        `<div class="chunk"><table class="steps">${cols}${c === 0 ? head : ''}<tbody>${rows.slice(c, c + CHUNK).join('')}</tbody></table></div>`,
        c,
        firstRows,
      ),
    );
  return tables.join('');
}

/** The report's content (inside `<body>`). */
export function reportBody(r: RunReport, options: HtmlOptions = {}): string {
  const zone = options.timeZone ?? 'UTC';
  const clock = new RunClock(r.startedAt, zone);
  const toolbar = options.toolbar
    ? '<div class="toolbar" role="toolbar"><button type="button" data-action="openText">Open as text</button><button type="button" data-action="exportHtml">Export HTML…</button><button type="button" data-action="compare">Compare with…</button></div>'
    : '';
  const idle = r.idle.length
    ? `<ul>${r.idle.map((g) => `<li>${esc(clock.short(g.from))} to ${esc(clock.short(g.to))}: ${esc(shortDuration(g.ms))}</li>`).join('')}</ul>`
    : '<p>None.</p>';
  return `${toolbar}<h1>${r.rehearsal ? 'Rehearsal' : 'Run'} report: ${esc(r.title ?? r.runbook)}</h1>${header(r, clock)}<h2>Timeline <span class="muted">(times in ${esc(zone)})</span></h2>${legend()}<div class="chart">${timeline(r, clock, options.firstRows)}</div><div id="detail" role="status" aria-live="polite"></div><h2>Steps</h2>${table(r, clock, options.firstRows)}<h2>Idle gaps</h2>${idle}`;
}

/** One self-contained file: inline CSS and SVG, no script, and a policy that would refuse one. */
export function reportDocument(r: RunReport, options: HtmlOptions = {}): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(`${r.rehearsal ? 'Rehearsal' : 'Run'} report: ${r.title ?? r.runbook}`)}</title><style>${REPORT_CSS}</style></head><body>${reportBody(r, { ...options, toolbar: false, firstRows: undefined })}</body></html>\n`;
}
