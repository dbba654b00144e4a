/**
 * The per-document cache of parsed pieces (the head, each step chunk, the tail): an edit
 * re-parses only the pieces whose text changed.
 */
import { isMap, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Span } from '../text/lineIndex';
import { fieldsOf, type StepFields, type SyntaxProblem } from './model';

export interface ParsedPiece {
  text: string;
  /** Absent for a step chunk seeded from a whole parse (seed.ts): its `items` are all it has. */
  doc?: Document.Parsed;
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

  /** The piece for a text, with its document (the head, the tail, a whole text). */
  get(text: string): ParsedPiece & { doc: Document.Parsed } {
    let hit = this.current.get(text) ?? this.previous.get(text);
    if (!hit?.doc) hit = parsePiece(text);
    this.current.set(text, hit);
    return hit as ParsedPiece & { doc: Document.Parsed };
  }

  /** The piece of a step chunk: a seeded one (without a document) will do. */
  private step(text: string): ParsedPiece {
    let hit = this.current.get(text) ?? this.previous.get(text);
    if (!hit) hit = parsePiece(text);
    this.current.set(text, hit);
    return hit;
  }

  /** Adds step pieces made from a whole parse, found by their text in this round (seed.ts). */
  seed(piece: ParsedPiece): void {
    this.current.set(piece.text, piece);
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
    piece ??= this.step(own(text.slice(start, end)));
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
export function own(slice: string): string {
  return slice.length < 16 ? slice : ` ${slice}`.slice(1);
}

function parsePiece(text: string): ParsedPiece & { doc: Document.Parsed } {
  const doc = parseDocument(text, {
    prettyErrors: false,
    strict: true,
    uniqueKeys: true,
    merge: true,
    logLevel: 'error',
  });
  const errors = [...doc.errors, ...doc.warnings].map((e) => ({
    message: e.message.split('\n')[0],
    span: problemSpan(text, e.pos[0], e.pos[1]),
  }));
  return { text, doc, errors };
}

export function stepItems(piece: ParsedPiece): NonNullable<ParsedPiece['items']> {
  if (piece.items) return piece.items;
  const doc = piece.doc!; // only seeded pieces lack a document, and they come with their items
  const seq = doc.contents;
  piece.items = isSeq(seq)
    ? seq.items
        .filter((item) => !!item)
        .map((item) => {
          const value = isMap(item) ? toStepValue(item as Node, doc) : {};
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

export function shift(problems: SyntaxProblem[], base: number): SyntaxProblem[] {
  return problems.map((p) => ({ message: p.message, span: { start: p.span.start + base, end: p.span.end + base } }));
}

export function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function toStepValue(node: Node, doc: Document.Parsed): Record<string, unknown> {
  return asRecord(node.toJS(doc, { maxAliasCount: 100 })) ?? {};
}
