/**
 * A line-by-line reading of block YAML for the editor features. While a line is being typed
 * (`    action: data`, `  - `) the parser has nothing useful to say about it, so "where is the
 * cursor" is answered from the text: each line's list dashes, its key and its inline value, by
 * column. Only lines that are asked for are read, and each at most once per text.
 */
import type { LineIndex } from '../../model/text/lineIndex';

/** Something a line opens at a column: a list item (`- `) or a mapping key (`key:`). */
export interface Opener {
  col: number;
  kind: 'item' | 'key';
  key?: string;
}

export interface LineShape {
  /** Column of the first character that is not a space; -1 for a blank or comment-only line. */
  indent: number;
  /** Columns of the `- ` markers at the start of the line, left to right. */
  dashes: number[];
  /** Column where the content after the dashes starts. */
  contentCol: number;
  /** The key of a `key:` entry, without quotes. */
  key?: string;
  /** Column just after the key text, and of its colon. */
  keyEnd?: number;
  colon?: number;
  /** Where the inline value (or, without a key, the scalar) starts, and its text without a trailing comment. */
  valueCol?: number;
  value?: string;
}

// A key: quoted, or plain up to the first `:` that is followed by a blank or the line's end.
const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},:][^#]*?)[ \t]*:(?=[ \t]|$)/;

/** Cuts a trailing ` # comment` that is not inside quotes, and trailing blanks. */
function stripComment(s: string): string {
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if ((ch === "'" || ch === '"') && (i === 0 || /[\s[{,:]/.test(s[i - 1]))) quote = ch;
    else if (ch === '#' && (i === 0 || s[i - 1] === ' ' || s[i - 1] === '\t')) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

function unquote(s: string): string {
  if (s.length >= 2 && s[0] === "'" && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.length >= 2 && s[0] === '"' && s.endsWith('"')) return s.slice(1, -1).replace(/\\"/g, '"');
  return s;
}

function shapeOf(line: string): LineShape {
  let i = 0;
  while (line[i] === ' ') i++;
  if (i >= line.length || line[i] === '#') return { indent: -1, dashes: [], contentCol: i };
  const indent = i;
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 >= line.length || line[i + 1] === ' ')) {
    dashes.push(i);
    i++;
    while (line[i] === ' ') i++;
  }
  const shape: LineShape = { indent, dashes, contentCol: i };
  const rest = line.slice(i);
  if (rest === '' || rest.startsWith('#')) return shape;
  const m = KEY.exec(rest);
  if (!m) return { ...shape, valueCol: i, value: stripComment(rest) };
  const colon = i + m[0].length - 1;
  let v = colon + 1;
  while (line[v] === ' ' || line[v] === '\t') v++;
  const value = stripComment(line.slice(v));
  return {
    ...shape,
    key: unquote(m[1]),
    keyEnd: i + m[1].length,
    colon,
    valueCol: value ? v : undefined,
    value: value || undefined,
  };
}

/** What a line opens, left to right. */
export function openers(shape: LineShape): Opener[] {
  const out: Opener[] = shape.dashes.map((col) => ({ col, kind: 'item' as const }));
  if (shape.key !== undefined) out.push({ col: shape.contentCol, kind: 'key', key: shape.key });
  return out;
}

/** The lines of one text, read lazily. */
export class Lines {
  private readonly shapes = new Map<number, LineShape>();

  constructor(
    readonly text: string,
    readonly index: LineIndex,
  ) {}

  get count(): number {
    return this.index.lineCount;
  }

  start(line: number): number {
    return this.index.lineStart(line);
  }

  textOf(line: number): string {
    return this.text.slice(this.index.lineStart(line), this.index.lineEnd(line));
  }

  shape(line: number): LineShape {
    let s = this.shapes.get(line);
    if (!s) this.shapes.set(line, (s = shapeOf(this.textOf(line))));
    return s;
  }

  /** Indent without reading the rest of the line: -1 for blank and comment lines. */
  indent(line: number): number {
    const start = this.index.lineStart(line);
    const end = this.index.lineEnd(line);
    let i = start;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    return i >= end || this.text[i] === '#' ? -1 : i - start;
  }

  /**
   * The lines of the block that holds entries at column `col` around `line`: up to (and with) the
   * line where that mapping or item starts, down to the last line indented at least that far.
   */
  block(line: number, col: number): { first: number; last: number } {
    let first = line;
    for (let l = line; l >= 0; l--) {
      const ind = this.indent(l);
      if (ind === -1) continue;
      if (ind < col) {
        const s = this.shape(l);
        if (s.contentCol === col && s.dashes.length) first = l; // the item line that opens this mapping
        break;
      }
      first = l;
    }
    let last = line;
    for (let l = line + 1; l < this.count; l++) {
      const ind = this.indent(l);
      if (ind === -1) continue;
      if (ind < col) break;
      last = l;
    }
    return { first, last };
  }

  /** Keys of the mapping whose entries sit at column `col` around `line`, with their lines. */
  keysAt(line: number, col: number): { key: string; line: number }[] {
    const { first, last } = this.block(line, col);
    const out: { key: string; line: number }[] = [];
    for (let l = first; l <= last; l++) {
      const ind = this.indent(l);
      if (ind === -1 || ind > col) continue;
      const s = this.shape(l);
      if (s.key !== undefined && s.contentCol === col) out.push({ key: s.key, line: l });
    }
    return out;
  }

  /** Scalar items of the block list whose dashes sit at column `col` around `line`. */
  itemsAt(line: number, col: number): { value: string; line: number }[] {
    const { first, last } = this.block(line, col);
    const out: { value: string; line: number }[] = [];
    for (let l = first; l <= last; l++) {
      const s = this.shape(l);
      if (s.dashes.length === 1 && s.dashes[0] === col && s.key === undefined && s.value)
        out.push({ value: unquote(s.value), line: l });
    }
    return out;
  }
}

const cache = new WeakMap<object, Lines>();

/** One Lines per parsed text, so several features asking about the same text share the reading. */
export function linesOf(parsed: { text: string; lines: LineIndex }): Lines {
  let l = cache.get(parsed);
  if (!l) cache.set(parsed, (l = new Lines(parsed.text, parsed.lines)));
  return l;
}
