/**
 * Limits checked before a runbook is parsed, each with one clear message and in bounded time:
 *  - nesting: the YAML library composes nested collections recursively, so 1,000 nested `[`
 *    (a 2 KB file) took seconds and ended in "Maximum call stack size exceeded", many times over;
 *  - aliases: a few anchors that refer to each other expand to millions of nodes (an "alias
 *    bomb"); the library refuses it without saying which alias, and the file read as "not a
 *    runbook";
 *  - line length: no runbook needs a line of tens of thousands of characters, and every check
 *    that looks at a value pays for it.
 * Nesting and aliases stop the parse (the file yields only this problem); a long line is
 * reported and the parse goes on. Cheap filters come first, so a normal runbook costs a few
 * native scans per check.
 */
import { isAlias, isCollection, isPair, isScalar, Lexer, parseDocument, type Node } from 'yaml';
import type { Span } from '../text/lineIndex';

export const MAX_DEPTH = 64;
export const MAX_LINE_CHARS = 20_000;
/** Nodes an alias may expand to; a real runbook's anchors expand to a few hundred at most. */
export const MAX_ALIAS_EXPANSION = 10_000;

export interface LimitProblem {
  message: string;
  span: Span;
  /** True when the text is not parsed at all (it would take too long or overflow the stack). */
  blocking: boolean;
}

/** Upper-bound guess of flow nesting: every bracket counts, quoted or not. */
function roughFlowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const re = /[[\]{}]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const c = m[0];
    if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else depth = Math.max(0, depth - 1);
  }
  return max;
}

/** Exact flow nesting, from the YAML lexer (iterative, so it cannot overflow): offset of the first too-deep bracket. */
function tooDeepFlow(text: string): number {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > MAX_DEPTH) return offset;
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
    if (token.length > 1 || token >= ' ' || token === '\n' || token === '\r' || token === '\t') offset += token.length;
  }
  return -1;
}

/**
 * Block nesting by indentation and by `- ` entries on one line (`- - - - x` is four sequences
 * deep): offset of the first line nested deeper than MAX_DEPTH. Each level costs at least one
 * character of a line's leading spaces and dashes, hence the filter.
 */
function tooDeepBlock(text: string): number {
  if (!new RegExp(`^[ \\t-]{${MAX_DEPTH - 4},}`, 'm').test(text)) return -1;
  const stack: number[] = [];
  const re = /^( *)((?:-[ \t]+)*)[^\s#]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let column = m[1].length;
    while (stack.length && stack[stack.length - 1] >= column) stack.pop();
    stack.push(column);
    for (const dash of m[2].match(/-[ \t]+/g) ?? []) stack.push((column += dash.length));
    if (stack.length > MAX_DEPTH) return m.index + m[0].length - 1;
  }
  return -1;
}

/** The alias that expands to the most nodes, when that is over the limit. */
function aliasBomb(text: string): { name: string; span: Span; size: number } | undefined {
  if (!/(^|[\s[{,])&[^\s[\]{},]/.test(text) || !/(^|[\s[{,:-])\*[^\s[\]{},]/.test(text)) return undefined;
  const doc = parseDocument(text, { logLevel: 'silent' });
  const sizes = new Map<Node, number>();
  let worst: { name: string; span: Span; size: number } | undefined;
  // Sizes are memoised per node, so each node is counted once however often it is referred to.
  const size = (node: unknown, seen: Set<unknown>): number => {
    if (!node || typeof node !== 'object' || seen.has(node)) return 1;
    const known = sizes.get(node as Node);
    if (known !== undefined) return known;
    seen.add(node);
    let n = 1;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      n = size(target, seen);
      if (n > MAX_ALIAS_EXPANSION && (!worst || n > worst.size) && node.range)
        worst = { name: node.source, span: { start: node.range[0], end: node.range[1] }, size: n };
    } else if (isCollection(node)) {
      for (const item of node.items)
        n += isPair(item) ? size(item.key, seen) + size(item.value, seen) : size(item, seen);
    } else if (!isScalar(node)) n = 1;
    seen.delete(node);
    n = Math.min(n, Number.MAX_SAFE_INTEGER);
    sizes.set(node as Node, n);
    return n;
  };
  size(doc.contents, new Set());
  return worst;
}

/** The first limit the text breaks, or undefined. */
export function checkLimits(text: string, lineStarts: readonly number[]): LimitProblem | undefined {
  if (roughFlowDepth(text) > MAX_DEPTH) {
    const at = tooDeepFlow(text);
    if (at !== -1)
      return {
        message: `Nested more than ${MAX_DEPTH} levels deep here; a runbook needs a few. The file is not checked further until the nesting is reduced.`,
        span: { start: at, end: at + 1 },
        blocking: true,
      };
  }
  const block = tooDeepBlock(text);
  if (block !== -1)
    return {
      message: `Indented more than ${MAX_DEPTH} levels deep here; a runbook needs a few. The file is not checked further until the nesting is reduced.`,
      span: { start: block, end: block + 1 },
      blocking: true,
    };
  const bomb = aliasBomb(text);
  if (bomb)
    return {
      message: `The alias \`*${bomb.name}\` expands to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values (aliases inside aliases multiply). Write the values out instead; the file is not checked further until then.`,
      span: bomb.span,
      blocking: true,
    };
  for (let i = 0; i < lineStarts.length; i++) {
    const end = i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length;
    if (end - lineStarts[i] > MAX_LINE_CHARS)
      return {
        message: `This line is over ${MAX_LINE_CHARS.toLocaleString('en-US')} characters long; keep long text (scripts, output) outside the runbook and refer to it.`,
        span: { start: lineStarts[i], end: lineStarts[i] + 1 },
        blocking: false,
      };
  }
  return undefined;
}
