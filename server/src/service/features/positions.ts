/**
 * Offsets to positions for a pass that walks the text forwards (symbols and folding of 10,000
 * steps): the line only moves ahead, so the whole pass stays linear instead of paying a binary
 * search per position. An offset behind the last one falls back to the LineIndex lookup.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { LineIndex, Span } from '../text/lineIndex';

export class ForwardPositions {
  private line = 0;

  constructor(private readonly lines: LineIndex) {}

  at(offset: number): Position {
    if (offset < this.lines.lineStart(this.line)) this.line = this.lines.positionAt(offset).line;
    while (this.line + 1 < this.lines.lineCount && this.lines.lineStart(this.line + 1) <= offset) this.line++;
    return { line: this.line, character: offset - this.lines.lineStart(this.line) };
  }

  range(span: Span): Range {
    return { start: this.at(span.start), end: this.at(span.end) };
  }
}

/** A span without the blank lines and spaces a block node's range carries at its end. */
export function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end };
}
