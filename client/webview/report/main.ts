/**
 * The report view's page script. The host sends the header, the time axis and the run's row as
 * HTML, and the step rows of the timeline and the table as a model in a JSON data block
 * (client/src/report/html.ts). This draws the rows in sight at once, the rest of the table one chunk
 * per task after the first paint, and the timeline's rows as they scroll into sight. It also makes
 * the report interactive: the toolbar posts to the host; hovering or focusing a bar or a marker
 * shows its details in the status line (keyboard users get the same as mouse users); arrow keys
 * walk the bars and markers, drawing the rows they reach; Enter on one jumps to its step's row in
 * the table. Record texts arrive already worded by the host and only ever go in as textContent.
 */
import type { ReportViewFirst, ReportViewRest } from '../../../core/records/reportHtml';
import { StepsTable } from './table';
import { Timeline } from './timeline';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
const detail = document.getElementById('detail');

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-action]')))
  button.addEventListener('click', () => vscode.postMessage({ type: button.dataset.action }));

function data<T>(id: string): T | undefined {
  const text = document.getElementById(id)?.textContent;
  return text ? (JSON.parse(text) as T) : undefined;
}

// The first rows are above this script; the others follow it (client/src/report/html.ts).
const model = data<ReportViewFirst>('report-model');
const chart = document.getElementById('chart');
const rowsHost = document.getElementById('chart-rows');
const stepsHost = document.getElementById('steps');
const timeline =
  model && chart && rowsHost ? new Timeline(chart, rowsHost, model.chart, model.table, model.total.chart) : undefined;
const table = model && stepsHost ? new StepsTable(stepsHost, model.table, model.total.table) : undefined;

// First screen: the rows in sight and the first rows of the table, before the first paint.
timeline?.drawWindow();
table?.drawChunk(model?.tableFirst);
performance.mark('report:drawn');

let restTaken = !model;
let firstShown = false;
function takeRest(): void {
  const rest = data<ReportViewRest>('report-rest');
  if (model && rest) {
    model.chart.rows.push(...rest.chart);
    model.table.push(...rest.table);
    timeline?.drawWindow();
  }
  restTaken = true;
  drawLater();
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', takeRest);
else takeRest();

function described(target: EventTarget | null): Element | null {
  return target instanceof Element ? target.closest('.bar, .mk, .idle') : null;
}

function show(el: Element | null): void {
  if (!detail || !el) return;
  detail.textContent = el.querySelector('title')?.textContent ?? '';
}

const FOCUSABLE = '[tabindex="0"]';

/** The bar or marker before or after `el`, in row order, drawing its row if needed. */
function neighbour(el: Element, forward: boolean): SVGElement | undefined {
  const head = Array.from(chart?.querySelectorAll<SVGElement>(`.chart-head ${FOCUSABLE}`) ?? []);
  const inRow = (c: number) => Array.from(timeline!.row(c)?.querySelectorAll<SVGElement>(FOCUSABLE) ?? []);
  const h = head.indexOf(el as SVGElement);
  const rows = timeline?.rowCount ?? 0;
  if (h >= 0) {
    if (!forward) return head[h - 1];
    return head[h + 1] ?? (rows ? inRow(0)[0] : undefined);
  }
  const group = el.closest<SVGGElement>('g[data-c]');
  if (!group || !timeline) return undefined;
  const c = Number(group.dataset.c);
  const items = inRow(c);
  const k = items.indexOf(el as SVGElement);
  if (items[k + (forward ? 1 : -1)]) return items[k + (forward ? 1 : -1)];
  if (forward) return c + 1 < rows ? inRow(c + 1)[0] : undefined;
  return c > 0 ? inRow(c - 1).at(-1) : head.at(-1);
}

chart?.addEventListener('focusin', (e) => show(described(e.target)));
chart?.addEventListener('mouseover', (e) => show(described(e.target)));
chart?.addEventListener('keydown', (e) => {
  const key = e.key;
  const el = described(e.target);
  if (!el) return;
  if (key === 'Enter' || key === ' ') {
    const row = el.getAttribute('data-row');
    const tr = row === null ? null : (table?.ensure(Number(row)) ?? document.getElementById(`row-${row}`));
    if (tr) {
      e.preventDefault();
      tr.scrollIntoView({ block: 'center' });
      tr.classList.add('flash');
      setTimeout(() => tr.classList.remove('flash'), 1200);
    }
  }
  // Arrow keys walk the bars and markers in row order, so the chart reads without a mouse.
  if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'ArrowRight' || key === 'ArrowLeft') {
    const next = neighbour(el, key === 'ArrowDown' || key === 'ArrowRight');
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }
});

/** Once the first screen is shown and every row has arrived: the rest of the table, a chunk per task. */
function drawLater(): void {
  if (!firstShown || !restTaken) return;
  const more = () => {
    if (table?.drawChunk()) setTimeout(more, 0);
    else document.body.dataset.complete = 'true';
  };
  more();
}

// After the first paint: a mark for the benchmark (the first screen is on it), then the rest.
requestAnimationFrame(() =>
  setTimeout(() => {
    performance.mark('report:shown');
    firstShown = true;
    drawLater();
  }, 0),
);
