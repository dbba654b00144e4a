/**
 * Offsets to positions, in exactly one place. LSP positions count UTF-16 code units, which is
 * what JavaScript string offsets already are, so the conversion is a line lookup only.
 *
 * Line breaks are what LSP says they are: `\n`, `\r\n` and a lone `\r` each end a line. An
 * offset between the `\r` and the `\n` of a CRLF is moved back before the `\r`, so no range
 * ends inside a line break.
 */
import type { Position, Range } from 'vscode-languageserver-types';

export interface Span {
  start: number;
  end: number;
}

const LONE_CR = /\r(?!\n)/;

/** Offsets where lines begin, with `\n`, `\r\n` and a lone `\r` as line breaks. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!LONE_CR.test(text)) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

export class LineIndex {
  private readonly starts: number[];

  /** `starts` may be given when the caller already scanned the text for line breaks. */
  constructor(
    private readonly text: string,
    starts?: number[],
  ) {
    // Callers pass starts counted on `\n` only; a lone `\r` (rare) needs a count of its own.
    this.starts = !starts || LONE_CR.test(text) ? lineStartsOf(text) : starts;
  }

  /** Offsets where lines begin. */
  get lineStarts(): readonly number[] {
    return this.starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of the line's text, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    return this.text[next - 1] === '\n' && this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    if (this.text[clamped] === '\n' && this.text[clamped - 1] === '\r') clamped--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, position.line)];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}
