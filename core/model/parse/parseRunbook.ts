/**
 * Parses a runbook into the model every feature reads. Parsing keeps source ranges (through
 * `yaml`), survives syntax errors (each piece that parses still yields its steps), and re-uses
 * the parse of every step whose text did not change since the last call with the same cache.
 */
import { isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { LineIndex, type Span } from '../text/lineIndex';
import { computeLineStarts, splitSteps, UNSAFE } from './splitSteps';
import { checkLimits } from './limits';
import { findPair, locate, nodeSpan, type Located, type PathSegment } from './yamlPath';

export interface SyntaxProblem {
  message: string;
  span: Span;
}

/** The typed fields of a step's value, derived once per parsed value (values are re-used across edits). */
interface StepFields {
  id?: string;
  action?: string;
  with: Record<string, unknown>;
  after: string[];
  parallel?: string;
}

const NO_PARAMS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const NO_AFTER: string[] = Object.freeze([]) as unknown as string[];
const fieldCache = new WeakMap<object, StepFields>();

function fieldsOf(value: Record<string, unknown>): StepFields {
  let f = fieldCache.get(value);
  if (f) return f;
  const w = value.with;
  const a = value.after;
  f = {
    id: typeof value.id === 'string' ? value.id : undefined,
    action: typeof value.action === 'string' ? value.action : undefined,
    with: w && typeof w === 'object' && !Array.isArray(w) ? (w as Record<string, unknown>) : NO_PARAMS,
    after: Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : NO_AFTER,
    parallel: typeof value.parallel === 'string' ? value.parallel : undefined,
  };
  fieldCache.set(value, f);
  return f;
}

/** One step, wherever it came from. Spans inside `node` are relative to `base`. */
export class Step {
  private readonly f: StepFields;

  constructor(
    readonly index: number,
    readonly node: Node,
    readonly base: number,
    readonly value: Record<string, unknown>,
    /** The text `node` was parsed from (offsets in `node` index into it). */
    private readonly source: string,
    fields?: StepFields,
  ) {
    this.f = fields ?? fieldsOf(value);
  }

  get id(): string | undefined {
    return this.f.id;
  }
  get action(): string | undefined {
    return this.f.action;
  }
  /** The `with:` parameters (shared and read-only: never modify). */
  get with(): Record<string, unknown> {
    return this.f.with;
  }
  get after(): string[] {
    return this.f.after;
  }
  get parallel(): string | undefined {
    return this.f.parallel;
  }

  /** Whole item, from its first key to the end of its last value (trailing blank lines excluded). */
  get span(): Span {
    const r = this.node.range;
    if (!r) return { start: this.base, end: this.base };
    let end = Math.max(r[0], r[1]);
    while (end > r[0] && /\s/.test(this.source[end - 1])) end--;
    return { start: r[0] + this.base, end: end + this.base };
  }

  locate(path: readonly PathSegment[]): Located & { depth: number } {
    return locate(this.node, path, this.base);
  }

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
  get label(): string {
    return `'${this.id ?? `step ${this.index + 1}`}'`;
  }
}

export interface HeaderPart {
  node: Node | null;
  base: number;
}

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
  /** Offset of the first binary (control) character, or -1: a runbook is text. */
  binaryAt: number;
}

/** C0 controls other than tab, line feed and carriage return, and DEL: never in a text runbook. */
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

interface ParsedPiece {
  text: string;
  doc: Document.Parsed;
  errors: SyntaxProblem[];
  /** The step items of a step chunk with their plain values, made once per piece. */
  items?: { node: Node; value: Record<string, unknown>; fields: StepFields }[];
}

/**
 * Per-document cache of parsed pieces. A piece is found again by its position when the edit
 * did not touch it (no slicing or hashing of 10,000 chunk texts per keystroke), else by its text.
 */
export class ParseCache {
  private current = new Map<string, ParsedPiece>();
  private previous = new Map<string, ParsedPiece>();
  private lastText: string | undefined;
  private lastChunks = new Map<number, { end: number; piece: ParsedPiece }>();
  private nextChunks = new Map<number, { end: number; piece: ParsedPiece }>();
  /** Length of the text both versions share at the start, and at the end; and the length change. */
  private prefix = 0;
  private suffix = 0;
  private delta = 0;
  private length = 0;
  /** Whole-text scan results of the last text, re-used when the edit cannot change them. */
  lastUnsafe: boolean | undefined;
  lastBinaryAt = -1;

  /** The part of the new text that differs from the last one, or undefined on a first parse. */
  changed(): { start: number; end: number } | undefined {
    return this.lastText === undefined ? undefined : { start: this.prefix, end: this.length - this.suffix };
  }

  /** Compares the new text with the last one, so unchanged pieces can be found by position. */
  begin(text: string): void {
    const old = this.lastText;
    this.length = text.length;
    if (old === undefined) {
      this.prefix = this.suffix = this.delta = 0;
      return;
    }
    const max = Math.min(old.length, text.length);
    // Whole blocks first (native comparison), then character by character inside the last block.
    const B = 2048;
    let p = 0;
    while (p + B <= max && old.substring(p, p + B) === text.substring(p, p + B)) p += B;
    while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
    let q = 0;
    while (
      q + B <= max - p &&
      old.substring(old.length - q - B, old.length - q) === text.substring(text.length - q - B, text.length - q)
    )
      q += B;
    while (q < max - p && old.charCodeAt(old.length - 1 - q) === text.charCodeAt(text.length - 1 - q)) q++;
    this.prefix = p;
    this.suffix = q;
    this.delta = text.length - old.length;
  }

  get(text: string): ParsedPiece {
    let hit = this.current.get(text) ?? this.previous.get(text);
    if (!hit) hit = parsePiece(text);
    this.current.set(text, hit);
    return hit;
  }

  /** The piece for `text[start, end)`: by position when the edit left it alone, else by text. */
  at(text: string, start: number, end: number): ParsedPiece {
    let piece: ParsedPiece | undefined;
    if (end <= this.prefix) {
      const old = this.lastChunks.get(start);
      if (old && old.end === end) piece = old.piece;
    } else if (start >= this.length - this.suffix) {
      const old = this.lastChunks.get(start - this.delta);
      if (old && old.end - this.delta === end) piece = old.piece;
    }
    piece ??= this.get(own(text.slice(start, end)));
    this.nextChunks.set(start, { end, piece });
    return piece;
  }

  /** Drops every piece not used since the last call, so memory follows the document. */
  endRound(text: string): void {
    this.previous = this.current;
    this.current = new Map();
    this.lastChunks = this.nextChunks;
    this.nextChunks = new Map();
    this.lastText = text;
  }
}

/**
 * A copy of a slice that does not keep the whole text alive. V8 represents a slice as a view
 * on its parent, so a cached step would otherwise hold the full text of the edit that created it:
 * editing 60 different steps of a 10,000-step runbook kept 129 MiB of old texts alive.
 */
function own(slice: string): string {
  return slice.length < 16 ? slice : ` ${slice}`.slice(1);
}

function parsePiece(text: string): ParsedPiece {
  const doc = parseDocument(text, { prettyErrors: false, strict: true, uniqueKeys: true, logLevel: 'error' });
  const errors = [...doc.errors, ...doc.warnings].map((e) => ({
    message: e.message.split('\n')[0],
    span: problemSpan(text, e.pos[0], e.pos[1]),
  }));
  return { text, doc, errors };
}

function stepItems(piece: ParsedPiece): NonNullable<ParsedPiece['items']> {
  if (piece.items) return piece.items;
  const seq = piece.doc.contents;
  piece.items = isSeq(seq)
    ? seq.items
        .filter((item) => !!item)
        .map((item) => {
          const value = isMap(item) ? toStepValue(item as Node, piece.doc) : {};
          return { node: item as Node, value, fields: fieldsOf(value) };
        })
    : [];
  return piece.items;
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
  const starts = computeLineStarts(text);
  const lines = new LineIndex(text, starts);
  // Empty: no line starts with anything but blanks and a comment.
  const empty = !/^[ \t]*[^\s#]/m.test(text);
  cache.begin(text);
  const { unsafe, binaryAt } = scanText(text, cache);
  // Nesting, alias and line-length limits (limits.ts): a blocking one replaces the parse.
  const limit = checkLimits(text, starts);
  const split = limit?.blocking ? undefined : splitSteps(text, starts, unsafe);
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

/** Finds a top-level key across the header parts. */
export function locateHeader(
  parsed: ParsedRunbook,
  path: readonly PathSegment[],
): (Located & { depth: number }) | undefined {
  let best: (Located & { depth: number }) | undefined;
  for (const part of parsed.headerParts) {
    const hit = locate(part.node, path, part.base);
    if (hit.depth > 0 && (!best || hit.depth > best.depth)) best = hit;
  }
  return best;
}
