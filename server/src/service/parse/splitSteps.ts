/**
 * Cuts a runbook's text into the part before `steps:`, one chunk per step item, and the part
 * after the steps. Each piece is parsed on its own and cached by its text, so an edit re-parses
 * only the step it touched (a runbook is a list of steps; see docs/ARCHITECTURE.md, "Incremental").
 *
 * The cut is a plain text scan of block-style YAML. Anything it cannot cut with certainty
 * (anchors, aliases, tags, several documents, a flow-style step list) returns undefined and the
 * caller parses the whole text instead, so the result is always what a full parse would give.
 */

export interface StepChunk { start: number; end: number }

export interface SplitResult {
  /** Text before the step items, ending just after the `steps:` line. */
  head: { start: number; end: number };
  steps: StepChunk[];
  /** Top-level keys after the step list. */
  tail: { start: number; end: number };
}

const STEPS_LINE = /^steps:[ \t]*(#.*)?$/;
/** Constructs whose meaning crosses chunk borders: an anchor, an alias, a tag, a document marker. */
const UNSAFE = /(^|[\s[{,:-])[&*!][^\s]|^(---|\.\.\.)/m;

export function splitSteps(text: string): SplitResult | undefined {
  if (UNSAFE.test(text)) return undefined;
  const lines = lineStarts(text);
  let stepsLine = -1;
  for (let i = 0; i < lines.length; i++) {
    if (STEPS_LINE.test(lineText(text, lines, i))) {
      if (stepsLine !== -1) return undefined; // a duplicate key: let the full parse report it
      stepsLine = i;
    }
  }
  if (stepsLine === -1) return undefined;

  const headEnd = stepsLine + 1 < lines.length ? lines[stepsLine + 1] : text.length;
  let indent = -1;
  const steps: StepChunk[] = [];
  let i = stepsLine + 1;
  for (; i < lines.length; i++) {
    const line = lineText(text, lines, i);
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lead = line.length - trimmed.length;
    if (line.includes('\t') && /^\s*\t/.test(line)) return undefined;
    if (indent === -1) {
      if (!isItemStart(trimmed)) return undefined; // `steps:` followed by something other than a block list
      indent = lead;
    }
    if (lead < indent || (lead === 0 && !isItemStart(trimmed))) break; // the next top-level key
    if (lead === indent) {
      if (!isItemStart(trimmed)) return undefined; // a key at the list's own indent: not a plain list
      if (steps.length) steps[steps.length - 1].end = lines[i];
      steps.push({ start: lines[i], end: text.length });
    }
  }
  if (steps.length === 0) return undefined;
  const tailStart = i < lines.length ? lines[i] : text.length;
  // Blank and comment lines before the next key belong to the tail, as a full parse sees them.
  steps[steps.length - 1].end = tailStart;
  return { head: { start: 0, end: headEnd }, steps, tail: { start: tailStart, end: text.length } };
}

function isItemStart(trimmed: string): boolean {
  return trimmed === '-' || trimmed.startsWith('- ');
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineText(text: string, starts: number[], i: number): string {
  const end = i + 1 < starts.length ? starts[i + 1] - 1 : text.length;
  return text.slice(starts[i], end > starts[i] && text[end - 1] === '\r' ? end - 1 : end);
}
