/** Finds the source span of a key or value inside a parsed YAML node, by a JSON-style path. */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Span } from '../text/lineIndex';

export type PathSegment = string | number;

export interface Located {
  keySpan?: Span;
  valueSpan?: Span;
  node?: Node | null;
}

/** Span of a node: yaml's range is [start, valueEnd, nodeEnd]; valueEnd leaves out trailing comments. */
export function nodeSpan(node: Node | null | undefined, base: number): Span | undefined {
  const r = node?.range;
  return r ? { start: r[0] + base, end: Math.max(r[0], r[1]) + base } : undefined;
}

/**
 * Walks `path` from `node`. Returns the deepest match: when the path goes further than the
 * document does, the caller still gets the closest existing place to point at.
 */
export function locate(
  node: Node | null | undefined,
  path: readonly PathSegment[],
  base: number,
): Located & { depth: number } {
  let current: Node | null | undefined = node;
  let found: Located = { valueSpan: nodeSpan(node, base), node };
  let depth = 0;
  for (const segment of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment)) as
        Pair<Node, Node> | undefined;
      if (!pair) break;
      found = {
        keySpan: nodeSpan(pair.key, base),
        valueSpan: nodeSpan(pair.value, base) ?? nodeSpan(pair.key, base),
        node: pair.value,
      };
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment] as Node | undefined;
      if (!item) break;
      found = { valueSpan: nodeSpan(item, base), node: item };
      current = item;
    } else {
      break;
    }
    depth++;
  }
  return { ...found, depth };
}

/** The pair of a top-level key in a mapping, if any. */
export function findPair(node: Node | null | undefined, key: string): Pair<Node, Node> | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) as
    Pair<Node, Node> | undefined;
}
