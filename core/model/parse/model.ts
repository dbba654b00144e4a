/**
 * The parsed runbook every feature reads: the steps (each with its parsed node, plain value and
 * typed fields) and the header. Built by parseRunbook.ts from pieces the cache (cache.ts) keeps.
 */
import type { Node } from 'yaml';
import type { LineIndex, Span } from '../text/lineIndex';
import { locate, type Located, type PathSegment } from './yamlPath';

export interface SyntaxProblem {
  message: string;
  span: Span;
}

/** The typed fields of a step's value, derived once per parsed value (values are re-used across edits). */
export interface StepFields {
  id?: string;
  action?: string;
  with: Record<string, unknown>;
  after: string[];
  parallel?: string;
}

const NO_PARAMS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const NO_AFTER: string[] = Object.freeze([]) as unknown as string[];
const fieldCache = new WeakMap<object, StepFields>();

export function fieldsOf(value: Record<string, unknown>): StepFields {
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

/**
 * A step node's span and anchor relative to its own text, computed once per node: nodes are
 * re-used across edits, and every finding on a step asks for its anchor (3,400 findings on a
 * 10,000-step runbook walked the node and scanned for trailing blanks on every keystroke).
 */
const relative = new WeakMap<Node, { span?: Span; anchor?: Span }>();

function relativeOf(node: Node): { span?: Span; anchor?: Span } {
  let r = relative.get(node);
  if (!r) relative.set(node, (r = {}));
  return r;
}

const shifted = (s: Span, base: number): Span => ({ start: s.start + base, end: s.end + base });

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
    const cached = relativeOf(this.node);
    if (!cached.span) {
      const r = this.node.range;
      if (!r) cached.span = { start: 0, end: 0 };
      else {
        let end = Math.max(r[0], r[1]);
        while (end > r[0] && /\s/.test(this.source[end - 1])) end--;
        cached.span = { start: r[0], end };
      }
    }
    return shifted(cached.span, this.base);
  }

  locate(path: readonly PathSegment[]): Located & { depth: number } {
    return locate(this.node, path, this.base);
  }

  /** Where a message about this step points: its id value, else its first key. */
  get anchor(): Span {
    const cached = relativeOf(this.node);
    if (!cached.anchor) {
      const id = locate(this.node, ['id'], 0);
      if (id.depth === 1 && id.valueSpan) cached.anchor = id.valueSpan;
      else {
        const s = shifted(this.span, -this.base);
        cached.anchor = { start: s.start, end: Math.min(s.end, s.start + 1) };
      }
    }
    return shifted(cached.anchor, this.base);
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
