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
  private started = false;
  constructor(
    private readonly host: HTMLElement,
    /** The rows that have arrived: the first ones at first, all of them once the page is parsed. */
    private readonly rows: TableRow[],
    private readonly total: number,
  ) {}

  get complete(): boolean {
    return this.started && this.next >= this.total;
  }

  /** Draws the next chunk (of `size` rows) of the rows that have arrived; false once every row is drawn. */
  drawChunk(size = CHUNK): boolean {
    if (this.complete) return false;
    const start = this.next;
    if (this.started && start >= this.rows.length) return true;
    this.started = true;
    const wrap = htmlEl('div', 'chunk');
    // The column widths and head are fixed markup without record text.
    wrap.innerHTML = `<table class="steps">${TABLE_COLUMNS}${start === 0 ? TABLE_HEAD : ''}<tbody></tbody></table>`;
    const body = wrap.querySelector('tbody')!;
    const end = Math.min(this.rows.length, start + size);
    for (let i = start; i < end; i++) body.appendChild(tr(this.rows[i], i));
    this.host.appendChild(wrap);
    this.next = end;
    return !this.complete;
  }

  /** Makes sure row `i` is drawn (a jump from the chart to a row not reached yet). */
  ensure(i: number): HTMLElement | null {
    while (this.next <= i && this.next < this.rows.length && this.drawChunk());
    return document.getElementById(`row-${i}`);
  }
}
