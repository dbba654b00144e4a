/**
 * Text edits on a runbook that keep the author's formatting: replace one value, add or remove a
 * parameter, cut a whole step out, put step text back in. All offsets, applied by `applyEdits`.
 */
import { stringify } from 'yaml';
import type { ParsedRunbook, Step } from '../../model/parse/parseRunbook';
import type { Span } from '../../model/text/lineIndex';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** Applies non-overlapping edits (any order) and returns the new text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** A value as YAML writes it inline: quoted only when it must be, lists in flow style. */
export function yamlInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlInline).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${yamlInline(v)}`)
      .join(', ')} }`;
  }
  const s = stringify(value, { lineWidth: 0 }).trimEnd();
  // Inside a flow collection a plain scalar may not contain ", " or brackets: quote those.
  return typeof value === 'string' && /[,[\]{}]/.test(s) && !/^["']/.test(s) ? JSON.stringify(value) : s;
}

/** Whole lines of a step: from the line of its `-` to the start of the line after its last value. */
export function stepLines(parsed: ParsedRunbook, step: Step): Span {
  const { lines, text } = parsed;
  let line = lines.positionAt(step.span.start).line;
  while (line > 0 && !text.slice(lines.lineStart(line), lines.lineEnd(line)).trimStart().startsWith('-')) line--;
  const endLine = lines.positionAt(step.span.end).line;
  const end = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : text.length;
  return { start: lines.lineStart(line), end };
}

/** Column of a step's keys (`id`, `action`...), which is where added keys go. */
export function keyColumn(parsed: ParsedRunbook, step: Step): number {
  return parsed.lines.positionAt(step.span.start).character;
}

export function lineIndentAt(parsed: ParsedRunbook, offset: number): number {
  const line = parsed.lines.positionAt(offset).line;
  const start = parsed.lines.lineStart(line);
  const s = parsed.text.slice(start, parsed.lines.lineEnd(line));
  return s.length - s.trimStart().length;
}

/** A span without the line breaks and blanks a block collection's range ends with. */
export function trimmed(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end };
}

/** Sets `with.<param>` of a step: replaces the value, or adds the key in the style of the map. */
export function setParam(parsed: ParsedRunbook, step: Step, param: string, value: unknown): TextEdit {
  const hit = step.locate(['with', param]);
  if (hit.depth === 2 && hit.valueSpan) return { span: hit.valueSpan, newText: yamlInline(value) };
  const w = step.locate(['with']);
  const entry = `${param}: ${yamlInline(value)}`;
  if (w.depth === 1 && w.valueSpan) {
    const body = parsed.text.slice(w.valueSpan.start, w.valueSpan.end);
    if (body.startsWith('{')) {
      const close = w.valueSpan.start + body.lastIndexOf('}');
      const empty = body.slice(1, body.lastIndexOf('}')).trim() === '';
      const before = parsed.text.slice(w.valueSpan.start, close).replace(/\s+$/, '');
      return {
        span: { start: w.valueSpan.start + before.length, end: close },
        newText: empty ? `${entry} ` : `, ${entry} `,
      };
    }
    if (body.trim() && !body.startsWith('[')) {
      const indent = lineIndentAt(parsed, w.valueSpan.start);
      const lineEnd = parsed.lines.lineEnd(parsed.lines.positionAt(trimmed(parsed.text, w.valueSpan).end).line);
      return { span: { start: lineEnd, end: lineEnd }, newText: `\n${' '.repeat(indent)}${entry}` };
    }
    // `with:` with nothing after it: write the entry as its block content.
    const keyEnd = (w.keySpan ?? w.valueSpan).end;
    const lineEnd = parsed.lines.lineEnd(parsed.lines.positionAt(keyEnd).line);
    return { span: { start: lineEnd, end: lineEnd }, newText: `\n${' '.repeat(keyColumn(parsed, step) + 2)}${entry}` };
  }
  const lines = stepLines(parsed, step);
  const col = keyColumn(parsed, step);
  const atEnd = parsed.text.slice(lines.start, lines.end).endsWith('\n') ? '' : '\n';
  return {
    span: { start: lines.end, end: lines.end },
    newText: `${atEnd}${' '.repeat(col)}with:\n${' '.repeat(col + 2)}${entry}\n`,
  };
}

/** Removes `with.<param>` of a step, in block or flow style. */
export function removeParam(parsed: ParsedRunbook, step: Step, param: string): TextEdit | undefined {
  const hit = step.locate(['with', param]);
  if (hit.depth !== 2 || !hit.keySpan || !hit.valueSpan) return undefined;
  const w = step.locate(['with']);
  const flow = w.valueSpan && parsed.text[w.valueSpan.start] === '{';
  if (flow) {
    const after = parsed.text.slice(hit.valueSpan.end).match(/^\s*,\s*/);
    if (after) return { span: { start: hit.keySpan.start, end: hit.valueSpan.end + after[0].length }, newText: '' };
    const before = parsed.text.slice(0, hit.keySpan.start).match(/,\s*$/);
    return {
      span: { start: hit.keySpan.start - (before ? before[0].length : 0), end: hit.valueSpan.end },
      newText: '',
    };
  }
  const { lines } = parsed;
  const startLine = lines.positionAt(hit.keySpan.start).line;
  const endLine = lines.positionAt(trimmed(parsed.text, hit.valueSpan).end).line;
  return {
    span: {
      start: lines.lineStart(startLine),
      end: endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : parsed.text.length,
    },
    newText: '',
  };
}

/** Adds an item to a list parameter, in the list's own style. */
export function addListItem(parsed: ParsedRunbook, step: Step, param: string, item: unknown): TextEdit | undefined {
  const hit = step.locate(['with', param]);
  if (hit.depth !== 2 || !hit.valueSpan) return undefined;
  const body = parsed.text.slice(hit.valueSpan.start, hit.valueSpan.end);
  if (body.startsWith('[')) {
    const close = hit.valueSpan.start + body.lastIndexOf(']');
    const empty = body.slice(1, -1).trim() === '';
    return { span: { start: close, end: close }, newText: empty ? yamlInline(item) : `, ${yamlInline(item)}` };
  }
  const indent = lineIndentAt(parsed, hit.valueSpan.start);
  const lineEnd = parsed.lines.lineEnd(parsed.lines.positionAt(trimmed(parsed.text, hit.valueSpan).end).line);
  return { span: { start: lineEnd, end: lineEnd }, newText: `\n${' '.repeat(indent)}- ${yamlInline(item)}` };
}
