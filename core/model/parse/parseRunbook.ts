/**
 * Parses a runbook into the model every feature reads (model.ts). Parsing keeps source ranges
 * (through `yaml`), survives syntax errors (each piece that parses still yields its steps), and
 * re-uses the parse of every step whose text did not change since the last call with the same
 * cache (cache.ts). The two paths: chunked (one piece per step) and, when the text defeats the
 * cut, whole. A first parse of a chunked text is one whole parse that seeds the cache (seed.ts).
 */
import { isMap, isSeq, type Document, type Node } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import { asRecord, own, ParseCache, shift, stepItems } from './cache';
import { Step, type ParsedRunbook, type SyntaxProblem } from './model';
import { seedFromWholeParse } from './seed';
import { computeLineStarts, splitSteps, UNSAFE } from './splitSteps';
import { checkLimits } from './limits';
import { findPair, nodeSpan } from './yamlPath';

export { locateHeader, Step, type HeaderPart, type ParsedRunbook, type SyntaxProblem } from './model';
export { ParseCache } from './cache';

/** C0 controls other than tab, line feed and carriage return, and DEL: never in a text runbook. */
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function parseRunbook(text: string, cache: ParseCache = new ParseCache()): ParsedRunbook {
  const starts = computeLineStarts(text);
  const lines = new LineIndex(text, starts);
  // Empty: no line starts with anything but blanks and a comment.
  const empty = !/^[ \t]*[^\s#]/m.test(text);
  cache.begin(text);
  const { unsafe, binaryAt } = scanText(text, cache);
  // Nesting, alias and line-length limits (limits.ts): a blocking one replaces the parse.
  const limit = checkLimits(text, starts);
  const split = limit?.blocking ? undefined : splitSteps(text, starts, unsafe);
  if (split) seedFromWholeParse(text, split, cache);
  const result = limit?.blocking
    ? { ...unparsed(), syntax: [limit] }
    : split
      ? parseChunked(text, split, cache)
      : parseWhole(text, cache);
  if (limit && !limit.blocking) result.syntax = [limit, ...result.syntax];
  cache.endRound(text);
  cache.lastUnsafe = unsafe;
  cache.lastBinaryAt = binaryAt;
  return { ...result, text, lines, empty, binaryAt };
}

/**
 * The two whole-text scans (constructs that defeat chunking, binary characters), done only
 * around the edited region when the last text was clean: a match there must touch the edit.
 */
function scanText(text: string, cache: ParseCache): { unsafe: boolean; binaryAt: number } {
  const region = cache.changed();
  if (!region || cache.lastUnsafe !== false || cache.lastBinaryAt !== -1) {
    const m = BINARY.exec(text);
    return { unsafe: UNSAFE.test(text), binaryAt: m ? m.index : -1 };
  }
  // Patterns are at most 4 characters long and may anchor at a line start: widen accordingly.
  const from = text.lastIndexOf('\n', Math.max(0, region.start - 4)) + 1;
  const window = text.slice(from, Math.min(text.length, region.end + 4));
  const m = BINARY.exec(window);
  return { unsafe: UNSAFE.test(window), binaryAt: m ? from + m.index : -1 };
}

type Core = Omit<ParsedRunbook, 'text' | 'lines' | 'empty' | 'binaryAt'>;

/** The model of a text that was not parsed: no header, no steps. */
function unparsed(): Core {
  return { header: null, headerParts: [{ node: null, base: 0 }], steps: [], stepsValue: undefined, syntax: [] };
}

function parseWhole(text: string, cache: ParseCache): Core {
  const { doc, errors } = cache.get(text);
  const root = doc.contents as Node | null;
  const value = asRecord(safeToJS(doc));
  const stepsPair = findPair(root, 'steps');
  const steps: Step[] = [];
  // Step values come from the one toJS of the whole document (aliases resolved there, safely).
  const values = Array.isArray(value?.steps) ? (value.steps as unknown[]) : [];
  if (stepsPair && isSeq(stepsPair.value)) {
    stepsPair.value.items.forEach((item, i) => {
      // Indexes count the steps kept, as in the chunked path: rules and fixes index `steps` by them.
      if (item) steps.push(new Step(steps.length, item as Node, 0, (isMap(item) && asRecord(values[i])) || {}, text));
    });
  }
  let header: Record<string, unknown> | null = null;
  if (value) {
    const { steps: _omit, ...rest } = value;
    header = rest;
  }
  return {
    header,
    headerParts: [{ node: root, base: 0 }],
    steps,
    stepsKey: nodeSpan(stepsPair?.key as Node | undefined, 0),
    stepsValue: value?.steps,
    syntax: errors,
  };
}

function safeToJS(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return null; // an alias bomb or a broken alias: the syntax errors already say why
  }
}

function parseChunked(text: string, split: NonNullable<ReturnType<typeof splitSteps>>, cache: ParseCache): Core {
  const syntax: SyntaxProblem[] = [];
  const head = cache.get(own(text.slice(split.head.start, split.head.end)));
  syntax.push(...head.errors);
  const tailText = own(text.slice(split.tail.start, split.tail.end));
  const tail = tailText.trim() ? cache.get(tailText) : undefined;
  if (tail) syntax.push(...shift(tail.errors, split.tail.start));

  const steps: Step[] = [];
  for (const chunk of split.steps) {
    const piece = cache.at(text, chunk.start, chunk.end);
    if (piece.errors.length) syntax.push(...shift(piece.errors, chunk.start));
    for (const { node, value, fields } of stepItems(piece))
      steps.push(new Step(steps.length, node, chunk.start, value, piece.text, fields));
  }

  const headValue = asRecord(safeToJS(head.doc)) ?? {};
  const tailValue = tail ? (asRecord(safeToJS(tail.doc)) ?? {}) : {};
  const { steps: _omit, ...headRest } = headValue;
  for (const key of Object.keys(tailValue)) {
    if (key in headValue) {
      const pair = findPair(tail!.doc.contents as Node, key);
      const span = nodeSpan(pair?.key as Node | undefined, split.tail.start) ?? {
        start: split.tail.start,
        end: split.tail.start + 1,
      };
      syntax.push({ message: `Map keys must be unique: "${key}" appears twice`, span });
    }
  }
  const stepsPair = findPair(head.doc.contents as Node, 'steps');
  return {
    header: { ...headRest, ...tailValue },
    headerParts: [
      { node: head.doc.contents as Node, base: 0 },
      ...(tail ? [{ node: tail.doc.contents as Node, base: split.tail.start }] : []),
    ],
    steps,
    stepsKey: nodeSpan(stepsPair?.key as Node | undefined, 0),
    stepsValue: steps.map((s) => s.value),
    syntax,
  };
}
