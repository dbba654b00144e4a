/**
 * "What is at this position", shared by completion and hover: which key or value the cursor is
 * on, its path from the top of the file (`['steps', 3, 'with', 'storageGroup']`), and the token to
 * replace. It reads the text line by line (features/yamlLines.ts), so it answers the same on a
 * half-typed or broken document as on a valid one; YAML's own parse is not needed here.
 */
import type { Position } from 'vscode-languageserver-types';
import type { ParsedRunbook } from '../../model/parse/parseRunbook';
import type { PathSegment } from '../../model/parse/yamlPath';
import type { Span } from '../../model/text/lineIndex';
import { flowCursor } from './flow';
import { stepStartingOn } from './stepRefs';
import { linesOf, openers, type Lines, type Opener } from './yamlLines';

export interface Cursor {
  offset: number;
  line: number;
  /**
   * 'entry': where a new entry is typed (a blank line, `  - `, a word without a colon); `path` is
   * the mapping or list item that will hold it. 'key': on an existing key; 'value': after `key:`.
   * For 'key' and 'value', `path` ends with the key (and, in a flow list, the item index).
   */
  at: 'entry' | 'key' | 'value';
  path: PathSegment[];
  /** The token under the cursor, without quotes: what a completion replaces and a hover names. */
  token: Span;
  prefix: string;
  word: string;
  /** Inside `[...]` or `{...}`: a candidate with a comma or bracket needs quotes. */
  flow: boolean;
  /** The token directly follows `:`, `,` or `-`: an insert must start with a space. */
  needsSpace: boolean;
  /** The cursor line starts with `- ` (a block list item). */
  dash: boolean;
  /** Keys already in the same mapping, or the other items of the same list. */
  siblings: string[];
  /** The `- ` line of each list item on the path, outermost first. */
  itemLines: number[];
  /** Completed `key: value` pairs of the flow maps around a flow cursor, outermost first. */
  flowPairs: Map<string, string>[];
}

/** Where the item on `itemLine` (its `-` at `col`) sits in the step list, found from the parse. */
type ListJump = (itemLine: number, col: number) => { count: number; keyLine: number } | undefined;

/** Walks up from an entry at `col` to the top of the file, collecting the keys and list indexes above it. */
function walkUp(
  lines: Lines,
  line: number,
  col: number,
  ownDashes: number[],
  jump?: ListJump,
): { path: PathSegment[]; itemLines: number[] } {
  const rev: PathSegment[] = [];
  const revItems: number[] = [];
  let cur: { col: number; kind: 'key' | 'item' } = { col, kind: 'key' };
  let count = 0; // items of the current list seen above the current item
  let itemLine = line;
  const closeItem = () => {
    rev.push(count);
    revItems.push(itemLine);
  };
  const visit = (op: Opener, l: number) => {
    if (op.col > cur.col) return; // deeper content of an earlier sibling
    if (op.col === cur.col && op.kind === cur.kind) {
      if (op.kind === 'item') count++;
      return;
    }
    if (op.kind === 'key') {
      // The parent key; at the same column as an item, it holds an indentless list.
      if (cur.kind === 'item') closeItem();
      rev.push(op.key!);
      cur = { col: op.col, kind: 'key' };
      count = 0;
    } else if (op.col < cur.col) {
      // A `- ` further left: what we are in is that list item's content.
      if (cur.kind === 'item') closeItem();
      cur = { col: op.col, kind: 'item' };
      count = 0;
      itemLine = l;
    }
  };
  for (let k = ownDashes.length - 1; k >= 0; k--) visit({ col: ownDashes[k], kind: 'item' }, line);
  let jumped = false;
  for (let l = line - 1; l >= 0 && !(cur.col === 0 && cur.kind === 'key'); l--) {
    // Inside a step of a long list, counting the siblings above line by line is linear in the
    // file: the parse already knows the step's index, so go straight to the `steps:` key.
    if (jump && !jumped && cur.kind === 'item') {
      jumped = true;
      const hit = jump(itemLine, cur.col);
      if (hit && hit.keyLine < l) {
        count = hit.count;
        l = hit.keyLine + 1;
        continue;
      }
    }
    const ind = lines.indent(l);
    if (ind === -1 || ind > cur.col) continue; // cheap skip: nothing on this line can be an ancestor
    const ops = openers(lines.shape(l));
    for (let k = ops.length - 1; k >= 0; k--) visit(ops[k], l);
  }
  if (cur.kind === 'item') closeItem();
  return { path: rev.reverse(), itemLines: revItems.reverse() };
}

function quotedInner(text: string, start: number, end: number): Span {
  const q = text[start];
  if ((q === "'" || q === '"') && end - start >= 1)
    return { start: start + 1, end: text[end - 1] === q && end - 1 > start ? end - 1 : end };
  return { start, end };
}

function stepListJump(parsed: ParsedRunbook): ListJump | undefined {
  const { steps, stepsKey } = parsed;
  if (!stepsKey || steps.length < 64) return undefined; // short lists: the line walk is cheap
  const keyLine = parsed.lines.positionAt(stepsKey.start).line;
  return (itemLine, col) => {
    const step = itemLine > keyLine ? stepStartingOn(parsed, itemLine) : undefined;
    if (!step) return undefined;
    // The step's `-` must be the list item the walk is in (not a dash nested deeper).
    const start = parsed.lines.lineStart(itemLine);
    if (parsed.text.indexOf('-', start) - start !== col) return undefined;
    return { count: step.index, keyLine };
  };
}

export function cursorAt(parsed: ParsedRunbook, position: Position): Cursor | undefined {
  const lines = linesOf(parsed);
  if (position.line >= lines.count) return undefined;
  const line = position.line;
  const lineStart = lines.start(line);
  const text = lines.textOf(line);
  const col = Math.min(position.character, text.length);
  const shape = lines.shape(line);
  const blank = shape.indent === -1 && text.trimStart().startsWith('#') === false;
  if (shape.indent === -1 && !blank) return undefined; // in a comment
  const entryCol = blank ? col : shape.contentCol;
  if (!blank && col < shape.contentCol && shape.contentCol < text.length) return undefined; // in the indentation
  const { path, itemLines } = walkUp(lines, line, entryCol, blank ? [] : shape.dashes, stepListJump(parsed));
  const make = (at: Cursor['at'], p: PathSegment[], s: number, e: number, extra: Partial<Cursor> = {}): Cursor => {
    const inner = quotedInner(text, s, e);
    const before = text[s - 1];
    return {
      offset: lineStart + col,
      line,
      at,
      path: p,
      token: { start: lineStart + inner.start, end: lineStart + inner.end },
      prefix: text.slice(inner.start, Math.max(inner.start, Math.min(col, inner.end))),
      word: text.slice(inner.start, inner.end),
      flow: false,
      needsSpace: before === ':' || before === ',' || before === '-',
      dash: !blank && shape.dashes.length > 0,
      siblings: [],
      itemLines,
      flowPairs: [],
      ...extra,
    };
  };
  const others = () => [
    ...lines
      .keysAt(line, entryCol)
      .filter((k) => k.line !== line)
      .map((k) => k.key),
    ...(shape.dashes.length
      ? lines
          .itemsAt(line, shape.dashes[shape.dashes.length - 1])
          .filter((i) => i.line !== line)
          .map((i) => i.value)
      : []),
  ];
  if (blank || (shape.key === undefined && shape.value === undefined))
    return make('entry', path, col, col, { siblings: others() });
  if (shape.key === undefined) {
    // A word without a colon: a key being typed, or a scalar list item (`- restore-db`).
    const end = shape.valueCol! + shape.value!.length;
    if (col > end) return undefined;
    return make('entry', path, shape.valueCol!, end, { siblings: others() });
  }
  if (col <= shape.keyEnd!)
    return make('key', [...path, shape.key], shape.contentCol, shape.keyEnd!, { siblings: others() });
  const keyPath = [...path, shape.key];
  if (shape.valueCol === undefined) return make('value', keyPath, col, col);
  const value = shape.value!;
  const end = shape.valueCol + value.length;
  if (col > end && text.slice(end, col).trim()) return undefined; // in a trailing comment
  if ((value[0] === '[' || value[0] === '{') && col > shape.valueCol) {
    // Blanks typed after an unclosed `[a, ` belong to the flow value.
    const flow = flowCursor(text.slice(shape.valueCol, Math.max(end, col)), col - shape.valueCol);
    if (!flow) return undefined;
    return make(
      flow.at,
      [...keyPath, ...flow.path],
      shape.valueCol + flow.token.start,
      shape.valueCol + flow.token.end,
      { flow: true, siblings: flow.siblings, flowPairs: flow.pairs },
    );
  }
  return make('value', keyPath, shape.valueCol, end);
}
