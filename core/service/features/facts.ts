/**
 * What completion and hover need to know about the step around the cursor (its id, action,
 * parameters, `after:` list) and the server inventory, read so that the line being typed cannot
 * hide them: the step's own text is parsed again with the cursor line blanked out.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import { readInventory, type Inventory } from '../../rules/context';
import type { ParsedRunbook } from '../../model/parse/parseRunbook';
import type { Cursor } from './cursor';
import { stepStartingOn } from './stepRefs';
import { linesOf } from './yamlLines';

export interface StepFacts {
  id?: string;
  action?: string;
  with: Record<string, unknown>;
  after: string[];
}

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Parses the item's lines with `blank` replaced by its list markers only. */
function reparse(parsed: ParsedRunbook, itemLine: number, blank: number): Record<string, unknown> | undefined {
  const lines = linesOf(parsed);
  const { last } = lines.block(itemLine, lines.shape(itemLine).contentCol);
  const out: string[] = [];
  for (let l = itemLine; l <= last; l++) {
    const t = lines.textOf(l);
    out.push(l === blank ? t.slice(0, lines.shape(l).contentCol) : t);
  }
  try {
    const doc = parseDocument(out.join('\n'), { prettyErrors: false });
    const seq = doc.contents;
    const item = isSeq(seq) ? seq.items[0] : undefined;
    return isMap(item) ? record(item.toJSON()) : {};
  } catch {
    return undefined;
  }
}

/** Facts of the step the cursor is in; undefined outside `steps`. */
export function stepFacts(parsed: ParsedRunbook, cursor: Cursor): StepFacts | undefined {
  if (cursor.path[0] !== 'steps' || typeof cursor.path[1] !== 'number') return undefined;
  const itemLine = cursor.itemLines[0];
  const value = reparse(parsed, itemLine, cursor.line) ?? stepStartingOn(parsed, itemLine)?.value ?? {};
  const withValue = { ...record(value.with) };
  // Inside `with: { ... }` on the cursor line: its finished pairs count too.
  if (cursor.path[2] === 'with' && cursor.flowPairs[0]) for (const [k, v] of cursor.flowPairs[0]) withValue[k] ??= v;
  return {
    id: typeof value.id === 'string' ? value.id : undefined,
    action: typeof value.action === 'string' ? value.action : undefined,
    with: withValue,
    after: strings(value.after),
  };
}

/**
 * The server inventory of the last parse (the header is parsed apart from the steps, so typing in
 * a step leaves it intact). Read from the header alone: a whole RuleContext would index every step.
 */
export function inventory(parsed: ParsedRunbook): Inventory {
  return readInventory(parsed.header?.server);
}
