/**
 * The step rows of the report's timeline, drawn only where they can be seen: a 2,000-step run has
 * one SVG as tall as all its rows (so the scroll bar is right), but only the rows in and near the
 * scrolled-to window exist in it; the others are drawn when they come into sight and dropped when
 * far from it. Each row is drawn as the export draws it (core/records/reportHtml.ts, rowSvg): the
 * same classes, data attributes and tooltips, from the same layout (core/records/reportLayout.ts).
 */
import {
  barTip,
  CHART,
  GLYPH,
  rowLabel,
  type ChartMark,
  type ChartRow,
  type TableRow,
} from '../../../core/records/reportLayout';
import type { ReportViewModel } from '../../../core/records/reportHtml';
import { svgEl } from './svg';

const ROW = CHART.row;
/** Rows drawn beyond the window on each side, so a short scroll shows no gap. */
const OVERSCAN = 12;
/** Drawn rows further than this from the window are dropped. */
const KEEP = 30;

export class Timeline {
  readonly svg: SVGSVGElement;
  private readonly layer: SVGGElement;
  private readonly drawn = new Map<number, SVGGElement>();
  private pending = false;

  constructor(
    private readonly box: HTMLElement,
    host: HTMLElement,
    private readonly model: ReportViewModel['chart'],
    private readonly table: TableRow[],
    /** Rows in all: `model.rows` may still be only the first of them. */
    private readonly total: number,
  ) {
    const height = total * ROW;
    this.svg = svgEl('svg', {
      class: 'timeline',
      width: CHART.width,
      height,
      viewBox: `0 0 ${CHART.width} ${height}`,
      role: 'group',
      'aria-label': `Steps of the timeline: one bar per started step (${total} rows, drawn as they scroll into sight)`,
    });
    // Behind every row: the idle bands and the grid, once for the whole height.
    for (const g of model.idle)
      this.svg.appendChild(
        svgEl('rect', { class: 'idle-band', 'aria-hidden': 'true', x: g.x, y: 0, width: g.w, height }),
      );
    for (const x of model.ticks)
      this.svg.appendChild(svgEl('line', { class: 'axis', x1: x, y1: 0, x2: x, y2: height }));
    this.layer = svgEl('g');
    this.svg.appendChild(this.layer);
    host.appendChild(this.svg);
    const later = () => {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => {
        this.pending = false;
        this.drawWindow();
      });
    };
    box.addEventListener('scroll', later, { passive: true });
    window.addEventListener('scroll', later, { passive: true });
    window.addEventListener('resize', later);
  }

  get rowCount(): number {
    return this.total;
  }

  /** Draws the rows in sight (in the box and in the window) and drops those far from them. */
  drawWindow(): void {
    const top = this.svg.getBoundingClientRect().top;
    const box = this.box.getBoundingClientRect();
    let from = Math.max(box.top, 0) - top;
    let to = Math.min(box.bottom, window.innerHeight) - top;
    // The chart below the fold (a short editor under a long header) or in a frame not laid out yet:
    // its first screen is drawn anyway, so the rows are there when it is scrolled to or shown.
    if (to <= from && box.top >= 0) {
      from = 0;
      to = Math.min(box.height || window.innerHeight, window.innerHeight || ROW * 40);
    }
    const first = Math.max(0, Math.floor(from / ROW) - OVERSCAN);
    const last = Math.min(this.model.rows.length - 1, Math.ceil(to / ROW) + OVERSCAN);
    if (to < 0 || from > this.total * ROW) return;
    const focused = document.activeElement?.closest('g[data-c]');
    for (const [c, g] of this.drawn)
      if ((c < first - KEEP || c > last + KEEP) && g !== focused) {
        g.remove();
        this.drawn.delete(c);
      }
    for (let c = first; c <= last; c++) this.row(c);
  }

  /** The group of chart row `c`, drawn now if it was not (none while its row has not arrived). */
  row(c: number): SVGGElement | undefined {
    let g = this.drawn.get(c);
    if (g) return g;
    const row = this.model.rows[c];
    if (!row) return undefined;
    g = draw(row, this.table[row.step], c);
    // Keep document order the row order: keyboard users and tests walk it.
    let next: SVGGElement | undefined;
    for (const [k, other] of this.drawn) if (k > c && (!next || k < Number(next.dataset.c))) next = other;
    this.layer.insertBefore(g, next ?? null);
    this.drawn.set(c, g);
    return g;
  }
}

function mark(m: ChartMark, y: number, row: ChartRow, id: string): SVGGElement {
  const g = svgEl(
    'g',
    {
      class: `mk mk-${m.kind}`,
      tabindex: 0,
      'data-kind': m.kind,
      'data-at': m.at,
      'data-step': id,
      'data-row': row.step,
      transform: `translate(${m.x},${y})`,
    },
    m.tip,
  );
  g.appendChild(svgEl('path', { d: GLYPH[m.kind] }));
  return g;
}

function draw(row: ChartRow, t: TableRow, c: number): SVGGElement {
  const y = (c + 0.5) * ROW;
  const g = svgEl('g', { 'data-c': c });
  const text = rowLabel(t.id);
  const label = svgEl('text', { class: 'lbl', x: 4, y: y + 4 }, text === t.id ? undefined : t.id);
  label.appendChild(document.createTextNode(text));
  g.appendChild(label);
  if (row.plan) g.appendChild(svgEl('rect', { class: 'plan', x: row.plan.x, y: y - 7, width: row.plan.w, height: 14 }));
  if (row.bar)
    g.appendChild(
      svgEl(
        'rect',
        {
          class: `bar bar-${row.bar.kind}`,
          tabindex: 0,
          'data-step': t.id,
          'data-row': row.step,
          x: row.bar.x,
          y: y - 5,
          width: row.bar.w,
          height: 10,
          rx: 2,
        },
        barTip(t),
      ),
    );
  for (const m of row.marks) g.appendChild(mark(m, y, row, t.id));
  return g;
}
