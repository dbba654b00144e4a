/**
 * The report view's HTML: the pure report body (core/records/reportHtml.ts) under a strict Content
 * Security Policy: no default source, one script and one style element allowed by a per-load
 * nonce, no remote content, no images. Every record string is escaped by the body's renderer. No
 * editor API here, so the Chromium test renders exactly this.
 */
import type { RunReport } from '../../../core/records/report';
import { esc, REPORT_CSS, reportBody } from '../../../core/records/reportHtml';
import { comparisonBody, COMPARE_CSS, type RunComparison } from '../../../core/records/reportCompare';
import type { RecordProblem } from '../../../core/records/parse';

/** Rows of the timeline and the table in the first paint; the page script adds the rest just after. */
export const FIRST_ROWS = 100;

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

function page(p: ReportPage, title: string, css: string, body: string): string {
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
<main id="report">${body}</main>
<script nonce="${esc(p.nonce)}" src="${esc(p.scriptUri)}"></script>
</body>
</html>`;
}

export function reportPageHtml(p: ReportPage, report: RunReport): string {
  return page(
    p,
    `${report.rehearsal ? 'Rehearsal' : 'Run'} report`,
    REPORT_CSS,
    reportBody(report, { timeZone: p.timeZone, toolbar: true, firstRows: FIRST_ROWS }),
  );
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
  return page(p, 'Runs compared', `${REPORT_CSS}${COMPARE_CSS}`, comparisonBody(c));
}
