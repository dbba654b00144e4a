/**
 * The report's step table, drawn by the page from the layout (core/records/reportLayout.ts) the way
 * the export draws it (core/records/reportHtml.ts, tableRowHtml): the first chunk at once, the
 * others one per task after the first paint, each chunk a table that the browser skips laying out
 * while it is off screen (`content-visibility`).
 */
import type { Segment, TableRow } from '../../../core/records/reportLayout';
import { TABLE_COLUMNS, TABLE_HEAD } from '../../../core/records/reportHtml';
import { htmlEl } from './svg';

const CHUNK = 100;

function cell(row: HTMLTableRowElement, cls?: string, text?: string): HTMLTableCellElement {
  const td = htmlEl('td', cls, text);
  row.appendChild(td);
  return td;
}

/** Lines of a cell separated by <br>, each line of plain, warning or muted pieces. */
function lines(td: HTMLElement, list: Segment[][]): void {
  list.forEach((line, i) => {
    if (i) td.appendChild(htmlEl('br'));
    for (const s of line)
      td.appendChild(typeof s === 'string' ? document.createTextNode(s) : htmlEl('span', s.cls, s.text));
  });
}

function tr(row: TableRow, i: number): HTMLTableRowElement {
  const el = htmlEl('tr', row.cls);
  el.id = `row-${i}`;
  cell(el, 'num', String(i + 1));
  const step = cell(el);
  step.append(htmlEl('code', undefined, row.id), htmlEl('br'), htmlEl('span', 'muted', row.title));
  cell(el, 'state', row.state);
  cell(el, undefined, row.who);
  cell(el, 'when', row.began);
  cell(el, 'when', row.ended);
  const took = cell(el, row.over ? 'num over' : 'num', row.tookUnknown ? undefined : row.took);
  if (row.tookUnknown) took.appendChild(htmlEl('span', 'muted', 'not recorded'));
  cell(el, 'num', row.planned);
  lines(
    cell(el),
    row.evidence.map((e) => [e]),
  );
  lines(cell(el), row.notes);
  return el;
}

export class StepsTable {
  private next = 0;
  constructor(
    private readonly host: HTMLElement,
    private readonly rows: TableRow[],
  ) {}

  get complete(): boolean {
    return this.next >= this.rows.length && this.next > 0;
  }

  /** Draws the next chunk of rows; false once every row is drawn. */
  drawChunk(): boolean {
    if (this.complete) return false;
    const start = this.next;
    const wrap = htmlEl('div', 'chunk');
    // The column widths and head are fixed markup without record text.
    wrap.innerHTML = `<table class="steps">${TABLE_COLUMNS}${start === 0 ? TABLE_HEAD : ''}<tbody></tbody></table>`;
    const body = wrap.querySelector('tbody')!;
    const end = Math.min(this.rows.length, start + CHUNK);
    for (let i = start; i < end; i++) body.appendChild(tr(this.rows[i], i));
    this.host.appendChild(wrap);
    this.next = Math.max(end, 1);
    return !this.complete;
  }

  /** Makes sure row `i` is drawn (a jump from the chart to a row not reached yet). */
  ensure(i: number): HTMLElement | null {
    while (this.next <= i && this.drawChunk());
    return document.getElementById(`row-${i}`);
  }
}
