/**
 * Cuts a runbook's text into the part before `steps:`, one chunk per step item, and the part
 * after the steps. Each piece is parsed on its own and cached by its text, so an edit re-parses
 * only the step it touched (a runbook is a list of steps; see docs/ARCHITECTURE.md, "Incremental").
 *
 * The cut is a plain text scan of block-style YAML. Anything it cannot cut with certainty
 * (anchors, aliases, tags, several documents, a flow-style step list) returns undefined and the
 * caller parses the whole text instead, so the result is always what a full parse would give.
 */

export interface StepChunk {
  start: number;
  end: number;
}

export interface SplitResult {
  /** Text before the step items, ending just after the `steps:` line. */
  head: { start: number; end: number };
  steps: StepChunk[];
  /** Top-level keys after the step list. */
  tail: { start: number; end: number };
}

const STEPS_LINE = /^steps:[ \t]*(#.*)?$/;
/** Constructs whose meaning crosses chunk borders: an anchor, an alias, a tag, a document marker. */
export const UNSAFE = /(^|[\s[{,:-])[&*!][^\s]|^(---|\.\.\.)/m;

const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const CR = 13;

/**
 * `lineStarts` are the offsets where lines begin (shared with the LineIndex, so the text is
 * scanned once). `unsafe` says whether UNSAFE matches, when the caller already knows.
 * Lines are examined by character codes: no per-line strings on the keystroke path.
 */
export function splitSteps(
  text: string,
  lineStarts: readonly number[] = computeLineStarts(text),
  unsafe?: boolean,
): SplitResult | undefined {
  if (unsafe ?? UNSAFE.test(text)) return undefined;
  const lines = lineStarts;
  const count = lines.length;
  const lineEnd = (i: number) => {
    let e = i + 1 < count ? lines[i + 1] - 1 : text.length;
    if (e > lines[i] && text.charCodeAt(e - 1) === CR) e--;
    return e;
  };
  let stepsLine = -1;
  for (let i = 0; i < count; i++) {
    const at = lines[i];
    // Only a line starting with "steps:" can be the key; test the regex on those alone.
    if (
      text.charCodeAt(at) === 115 /* s */ &&
      text.startsWith('steps:', at) &&
      STEPS_LINE.test(text.slice(at, lineEnd(i)))
    ) {
      if (stepsLine !== -1) return undefined; // a duplicate key: let the full parse report it
      stepsLine = i;
    }
  }
  if (stepsLine === -1) return undefined;

  const headEnd = stepsLine + 1 < count ? lines[stepsLine + 1] : text.length;
  let indent = -1;
  const steps: StepChunk[] = [];
  let i = stepsLine + 1;
  for (; i < count; i++) {
    const at = lines[i];
    const end = lineEnd(i);
    let c = at;
    while (c < end && text.charCodeAt(c) === SPACE) c++;
    if (c < end && text.charCodeAt(c) === TAB) return undefined; // tabs in indentation: leave it to the full parse
    if (c === end || text.charCodeAt(c) === HASH) continue; // blank or comment line
    const lead = c - at;
    // An item starts with "-" followed by a space or the end of the line.
    const item = text.charCodeAt(c) === DASH && (c + 1 === end || text.charCodeAt(c + 1) === SPACE);
    if (indent === -1) {
      if (!item) return undefined; // `steps:` followed by something other than a block list
      indent = lead;
    }
    if (lead < indent || (lead === 0 && !item)) break; // the next top-level key
    if (lead === indent) {
      if (!item) return undefined; // a key at the list's own indent: not a plain list
      if (steps.length) steps[steps.length - 1].end = at;
      steps.push({ start: at, end: text.length });
    }
  }
  if (steps.length === 0) return undefined;
  const tailStart = i < count ? lines[i] : text.length;
  // Blank and comment lines before the next key belong to the tail, as a full parse sees them.
  steps[steps.length - 1].end = tailStart;
  return { head: { start: 0, end: headEnd }, steps, tail: { start: tailStart, end: text.length } };
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
