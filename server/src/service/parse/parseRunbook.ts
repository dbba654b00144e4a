/**
 * Parses a runbook into the model every feature reads. Parsing keeps source ranges (through
 * `yaml`), survives syntax errors (each piece that parses still yields its steps), and re-uses
 * the parse of every step whose text did not change since the last call with the same cache.
 */
import { isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { LineIndex, type Span } from '../text/lineIndex';
import { splitSteps } from './splitSteps';
import { findPair, locate, nodeSpan, type Located, type PathSegment } from './yamlPath';

export interface SyntaxProblem { message: string; span: Span }

/** One step, wherever it came from. Spans inside `node` are relative to `base`. */
export class Step {
  constructor(
    readonly index: number,
    readonly node: Node,
    readonly base: number,
    readonly value: Record<string, unknown>,
    /** The text `node` was parsed from (offsets in `node` index into it). */
    private readonly source: string,
  ) {}

  get id(): string | undefined { return typeof this.value.id === 'string' ? this.value.id : undefined; }
  get action(): string | undefined { return typeof this.value.action === 'string' ? this.value.action : undefined; }
  get with(): Record<string, unknown> {
    const w = this.value.with;
    return w && typeof w === 'object' && !Array.isArray(w) ? (w as Record<string, unknown>) : {};
  }
  get after(): string[] {
    const a = this.value.after;
    return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
  }
  get parallel(): string | undefined { return typeof this.value.parallel === 'string' ? this.value.parallel : undefined; }

  /** Whole item, from its first key to the end of its last value (trailing blank lines excluded). */
  get span(): Span {
    const r = this.node.range;
    if (!r) return { start: this.base, end: this.base };
    let end = Math.max(r[0], r[1]);
    while (end > r[0] && /\s/.test(this.source[end - 1])) end--;
    return { start: r[0] + this.base, end: end + this.base };
  }

  locate(path: readonly PathSegment[]): Located & { depth: number } { return locate(this.node, path, this.base); }

  /** Where a message about this step points: its id value, else its first key. */
  get anchor(): Span {
    const id = this.locate(['id']);
    if (id.depth === 1 && id.valueSpan) return id.valueSpan;
    const s = this.span;
    return { start: s.start, end: Math.min(s.end, s.start + 1) };
  }

  /** The span of a parameter value in `with:`, or the step anchor when the parameter is absent. */
  paramSpan(name: string): Span {
    const hit = this.locate(['with', name]);
    return hit.depth === 2 && hit.valueSpan ? hit.valueSpan : this.anchor;
  }

  /** A human name for messages: `'restore-db' (database.restore)`. */
  get label(): string { return `'${this.id ?? `step ${this.index + 1}`}'`; }
}

export interface HeaderPart { node: Node | null; base: number }

export interface ParsedRunbook {
  text: string;
  lines: LineIndex;
  /** The top-level value without `steps` (null when the file is not a mapping). */
  header: Record<string, unknown> | null;
  /** The mappings the header came from (one, or two when steps were cut out of the middle). */
  headerParts: HeaderPart[];
  steps: Step[];
  /** Span of the `steps` key, where "missing step" messages point. */
  stepsKey?: Span;
  /** Raw value of `steps` when it is not a list (for the schema check). */
  stepsValue: unknown;
  syntax: SyntaxProblem[];
  /** True when the file held nothing but blanks and comments. */
  empty: boolean;
}

interface ParsedPiece { doc: Document.Parsed; errors: SyntaxProblem[] }

/** Per-document cache of parsed step chunks, keyed by their text. Owned by the caller. */
export class ParseCache {
  private current = new Map<string, ParsedPiece>();
  private previous = new Map<string, ParsedPiece>();

  get(text: string): ParsedPiece {
    let hit = this.current.get(text) ?? this.previous.get(text);
    if (!hit) hit = parsePiece(text);
    this.current.set(text, hit);
    return hit;
  }

  /** Drops every piece not used since the last call, so memory follows the document. */
  endRound(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

function parsePiece(text: string): ParsedPiece {
  const doc = parseDocument(text, { prettyErrors: false, strict: true, uniqueKeys: true, logLevel: 'error' });
  const errors = [...doc.errors, ...doc.warnings].map((e) => ({ message: e.message.split('\n')[0], span: problemSpan(text, e.pos[0], e.pos[1]) }));
  return { doc, errors };
}

/**
 * Where a syntax problem is underlined: inside the piece (yaml puts "missing closing quote" at
 * the very end, which would be the next step's first line), and over the whole token when yaml
 * marks only its first character (a duplicate key).
 */
function problemSpan(text: string, start: number, end: number): Span {
  let s = start;
  if (s >= text.trimEnd().length) s = Math.max(0, text.trimEnd().length - 1);
  let e = Math.max(end, s + 1);
  if (e - s <= 1) {
    const token = /^[^\s:,[\]{}#]+/.exec(text.slice(s));
    if (token) e = s + token[0].length;
  }
  return { start: s, end: Math.min(e, Math.max(text.length, s + 1)) };
}

function shift(problems: SyntaxProblem[], base: number): SyntaxProblem[] {
  return problems.map((p) => ({ message: p.message, span: { start: p.span.start + base, end: p.span.end + base } }));
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function toStepValue(node: Node, doc: Document.Parsed): Record<string, unknown> {
  return asRecord(node.toJS(doc, { maxAliasCount: 100 })) ?? {};
}

export function parseRunbook(text: string, cache: ParseCache = new ParseCache()): ParsedRunbook {
  const lines = new LineIndex(text);
  const empty = text.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'));
  const split = splitSteps(text);
  const result = split ? parseChunked(text, split, cache) : parseWhole(text, cache);
  cache.endRound();
  return { ...result, text, lines, empty };
}

type Core = Omit<ParsedRunbook, 'text' | 'lines' | 'empty'>;

function parseWhole(text: string, cache: ParseCache): Core {
  const { doc, errors } = cache.get(text);
  const root = doc.contents as Node | null;
  const value = asRecord(safeToJS(doc));
  const stepsPair = findPair(root, 'steps');
  const steps: Step[] = [];
  if (stepsPair && isSeq(stepsPair.value)) {
    stepsPair.value.items.forEach((item, i) => {
      if (item && isMap(item)) steps.push(new Step(i, item as Node, 0, toStepValue(item as Node, doc), text));
      else if (item) steps.push(new Step(i, item as Node, 0, {}, text));
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
  const head = cache.get(text.slice(split.head.start, split.head.end));
  syntax.push(...head.errors);
  const tailText = text.slice(split.tail.start, split.tail.end);
  const tail = tailText.trim() ? cache.get(tailText) : undefined;
  if (tail) syntax.push(...shift(tail.errors, split.tail.start));

  const steps: Step[] = [];
  for (const chunk of split.steps) {
    const chunkText = text.slice(chunk.start, chunk.end);
    const piece = cache.get(chunkText);
    syntax.push(...shift(piece.errors, chunk.start));
    const seq = piece.doc.contents;
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      if (!item) continue;
      const node = item as Node;
      steps.push(new Step(steps.length, node, chunk.start, isMap(node) ? toStepValue(node, piece.doc) : {}, chunkText));
    }
  }

  const headValue = asRecord(safeToJS(head.doc)) ?? {};
  const tailValue = tail ? asRecord(safeToJS(tail.doc)) ?? {} : {};
  const { steps: _omit, ...headRest } = headValue;
  for (const key of Object.keys(tailValue)) {
    if (key in headValue) {
      const pair = findPair(tail!.doc.contents as Node, key);
      const span = nodeSpan(pair?.key as Node | undefined, split.tail.start) ?? { start: split.tail.start, end: split.tail.start + 1 };
      syntax.push({ message: `Map keys must be unique: "${key}" appears twice`, span });
    }
  }
  const stepsPair = findPair(head.doc.contents as Node, 'steps');
  return {
    header: { ...headRest, ...tailValue },
    headerParts: [{ node: head.doc.contents as Node, base: 0 }, ...(tail ? [{ node: tail.doc.contents as Node, base: split.tail.start }] : [])],
    steps,
    stepsKey: nodeSpan(stepsPair?.key as Node | undefined, 0),
    stepsValue: steps.map((s) => s.value),
    syntax,
  };
}

/** Finds a top-level key across the header parts. */
export function locateHeader(parsed: ParsedRunbook, path: readonly PathSegment[]): (Located & { depth: number }) | undefined {
  let best: (Located & { depth: number }) | undefined;
  for (const part of parsed.headerParts) {
    const hit = locate(part.node, path, part.base);
    if (hit.depth > 0 && (!best || hit.depth > best.depth)) best = hit;
  }
  return best;
}
