/**
 * The report view's HTML: the pure report body (core/records/reportHtml.ts) under a strict Content
 * Security Policy: no default source, one script and one style element allowed by a per-load
 * nonce, no remote content, no images. Every record string is escaped by the body's renderer. No
 * editor API here, so the Chromium test renders exactly this.
 */
import type { RunReport } from '../../../core/records/report';
import { esc, REPORT_CSS, reportParts, splitViewModel, VIEW_CSS } from '../../../core/records/reportHtml';
import { comparisonBody, COMPARE_CSS, type RunComparison } from '../../../core/records/reportCompare';
import type { RecordProblem } from '../../../core/records/parse';

/** 18 random bytes in base64: Web Crypto, present in Node and in a web worker alike. */
export function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
}

export interface ReportPage {
  nonce: string;
  /** The page script (out/reportView.js) as the webview sees it. */
  scriptUri: string;
  timeZone: string;
}

/**
 * Rows of the timeline and of the table in the first data block: enough for the first screen of
 * a tall editor (the chart's box is 65% of the window high, 18 px a row) and the table's first rows.
 */
export const FIRST_CHART_ROWS = 80;
export const FIRST_TABLE_ROWS = 40;

/**
 * Rows the page script draws, as JSON in a data block: never run (its type is not a script), read
 * with JSON.parse. `<`, `>` and `&` are written as \u escapes so no record text can close the
 * element or open a comment.
 */
function dataBlock(id: string, data: unknown): string {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<script type="application/json" id="${id}">${json}</script>`;
}

/** `first`: what the script needs at once (before it); `rest`: what it takes once parsed (after it). */
function page(
  p: ReportPage,
  title: string,
  css: string,
  body: string,
  data?: { first: unknown; rest: unknown },
): string {
  const csp = `default-src 'none'; script-src 'nonce-${p.nonce}'; style-src 'nonce-${p.nonce}'`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(title)}</title>
<style nonce="${esc(p.nonce)}">${css}</style>
</head>
<body>
<main id="report">${body}</main>${data ? `\n${dataBlock('report-model', data.first)}` : ''}
<script nonce="${esc(p.nonce)}" src="${esc(p.scriptUri)}"></script>${data ? `\n${dataBlock('report-rest', data.rest)}` : ''}
</body>
</html>`;
}

/**
 * The header, the time axis and the legend as HTML; the step rows of the timeline and the table as
 * a model that the page script draws as they come into sight (a 2,000-step run opens in one screen's
 * worth of work): the first rows before the script, the others after it, so the browser runs the
 * script and can paint the first screen before it has read them. The export (reportDocument)
 * draws every row instead.
 */
export function reportPageHtml(p: ReportPage, report: RunReport): string {
  const { body, model } = reportParts(report, { timeZone: p.timeZone, toolbar: true, live: true });
  const data = splitViewModel(model!, FIRST_CHART_ROWS, FIRST_TABLE_ROWS);
  return page(p, `${report.rehearsal ? 'Rehearsal' : 'Run'} report`, REPORT_CSS + VIEW_CSS, body, data);
}

/** A record that cannot be read: its problems with line numbers, and the way to the text. */
export function unreadablePageHtml(p: ReportPage, file: string, problems: RecordProblem[]): string {
  const items = problems.map((x) => `<li>line ${x.line}: ${esc(x.message)}</li>`).join('');
  return page(
    p,
    'Run report',
    REPORT_CSS,
    `<div class="toolbar" role="toolbar"><button type="button" data-action="openText">Open as text</button></div><h1>This run record cannot be read</h1><p>${esc(file)}</p><ul>${items}</ul><p>Nothing was changed in the file.</p>`,
  );
}

export function comparePageHtml(p: ReportPage, c: RunComparison): string {
  return page(
    p,
    'Runs compared',
    `${REPORT_CSS}${COMPARE_CSS}`,
    comparisonBody(c, { timeZone: p.timeZone, toolbar: true }),
  );
}
