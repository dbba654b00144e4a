/**
 * Where the cursor is inside a one-line flow value such as `[a, b]` or `{ item: x }`, even an
 * unclosed one (`after: [a, ` while typing). Runbooks use flow style for short lists and
 * `with: { item: ... }`, so completion and hover must see inside it.
 */
import type { PathSegment } from '../../model/parse/yamlPath';

interface Frame {
  kind: 'seq' | 'map';
  /** Index of the current item (seq) or entry (map). */
  index: number;
  /** Key of the current map entry, once its `:` was seen. */
  key?: string;
  /** Where the current item, key or value starts (relative to the flow text). */
  tokenStart: number;
  items: string[];
  pairs: Map<string, string>;
}

export interface FlowCursor {
  /** Path from the flow value down to the cursor: keys of maps, indexes of lists. */
  path: PathSegment[];
  /** 'entry': a new or partial key of a flow map; 'key': an existing key; 'value': a scalar. */
  at: 'entry' | 'key' | 'value';
  token: { start: number; end: number };
  /** Other items of the innermost list, or keys already in the innermost map. */
  siblings: string[];
  /** Completed `key: value` pairs of each enclosing map, outermost first. */
  pairs: Map<string, string>[];
}

const OPEN: Record<string, 'seq' | 'map'> = { '[': 'seq', '{': 'map' };

function clean(s: string): string {
  const t = s.trim();
  return t.length >= 2 && (t[0] === "'" || t[0] === '"') && t.endsWith(t[0]) ? t.slice(1, -1) : t;
}

/** Is the `:` at `i` a key indicator (followed by a blank, a flow end or the end of the text)? */
function isIndicator(text: string, i: number): boolean {
  return i + 1 >= text.length || /[\s,}\]]/.test(text[i + 1]);
}

/** Reads `text` (starting with `[` or `{`) up to `cursor`; undefined when the cursor is outside. */
export function flowCursor(text: string, cursor: number): FlowCursor | undefined {
  const stack: Frame[] = [];
  const finish = (f: Frame, end: number) => {
    const tok = clean(text.slice(f.tokenStart, end));
    if (f.kind === 'seq') {
      if (tok) f.items.push(tok);
    } else if (f.key !== undefined) f.pairs.set(f.key, tok);
    else if (tok) f.pairs.set(tok, '');
    f.index++;
    f.key = undefined;
    f.tokenStart = end + 1;
  };
  let quote = '';
  for (let i = 0; i < cursor && i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    const top = stack[stack.length - 1];
    if (ch === "'" || ch === '"') quote = ch;
    else if (OPEN[ch]) stack.push({ kind: OPEN[ch], index: 0, tokenStart: i + 1, items: [], pairs: new Map() });
    else if (ch === ']' || ch === '}') {
      stack.pop();
      if (!stack.length) return undefined;
    } else if (!top) return undefined;
    else if (ch === ',') finish(top, i);
    else if (ch === ':' && top.kind === 'map' && top.key === undefined && isIndicator(text, i)) {
      top.key = clean(text.slice(top.tokenStart, i));
      top.tokenStart = i + 1;
    }
  }
  if (!stack.length) return undefined;
  const top = stack[stack.length - 1];
  // The token runs on to the next separator at this depth; what follows it are more siblings.
  let end = cursor;
  while (
    end < text.length &&
    !/[,\]}[{]/.test(text[end]) &&
    !(top.kind === 'map' && top.key === undefined && text[end] === ':' && isIndicator(text, end))
  )
    end++;
  const keyFollows = top.kind === 'map' && top.key === undefined && text[end] === ':';
  let start = top.tokenStart;
  while (start < cursor && text[start] === ' ') start++;
  let tokenEnd = end;
  while (tokenEnd > start && text[tokenEnd - 1] === ' ') tokenEnd--;
  const path: PathSegment[] = [];
  for (const f of stack) path.push(f.kind === 'seq' ? f.index : (f.key ?? ''));
  const current = clean(text.slice(start, tokenEnd));
  const at = top.kind === 'seq' || top.key !== undefined ? 'value' : keyFollows ? 'key' : 'entry';
  if (at === 'entry') path.pop();
  if (at === 'key') path[path.length - 1] = current;
  const siblings = top.kind === 'seq' ? [...top.items] : [...top.pairs.keys()];
  siblings.push(...restOf(text, end, top.kind));
  return {
    path,
    at,
    token: { start, end: tokenEnd },
    siblings,
    pairs: stack.filter((f) => f.kind === 'map').map((f) => f.pairs),
  };
}

/** Items (or keys) after the cursor's token, up to the end of its collection. */
function restOf(text: string, from: number, kind: 'seq' | 'map'): string[] {
  const out: string[] = [];
  let depth = 0;
  let tokenStart = -1; // -1: inside the cursor's own token, or a map value
  let i = from;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      if (depth-- === 0) break;
    } else if (ch === ',' && depth === 0) {
      if (kind === 'seq' && tokenStart !== -1) out.push(clean(text.slice(tokenStart, i)));
      tokenStart = i + 1;
    } else if (kind === 'map' && ch === ':' && depth === 0 && tokenStart !== -1 && isIndicator(text, i)) {
      out.push(clean(text.slice(tokenStart, i)));
      tokenStart = -1;
    }
  }
  if (kind === 'seq' && tokenStart !== -1) out.push(clean(text.slice(tokenStart, i)));
  return out.filter((x) => x);
}
