/**
 * The first parse of a document: one `parseDocument` of the whole text, whose step items seed
 * the chunk cache, instead of one `parseDocument` per step. Each document costs a schema set-up,
 * a composer and garbage, which on a cold process made 1,000 chunk parses cost several times one
 * whole parse. Later edits re-parse only the chunks they touch, as before.
 *
 * A seeded piece is what a parse of the chunk's own text gives (its node's ranges are shifted to
 * be relative to the chunk), so the result is the chunked parse's: test/unit/parse/seed.test.ts
 * compares them on many runbooks. Anything unusual (a syntax problem, an item that does not start
 * in its chunk, a count that differs) seeds nothing and the chunks are parsed one by one.
 */
import { isMap, isPair, isSeq, parseDocument, type Node } from 'yaml';
import { own, toStepValue, type ParseCache } from './cache';
import { fieldsOf } from './model';
import type { SplitResult } from './splitSteps';
import { findPair } from './yamlPath';

/** Below this many steps the per-chunk overhead does not matter and the whole parse is not worth it. */
const MIN_STEPS = 16;

export function seedFromWholeParse(text: string, split: SplitResult, cache: ParseCache): void {
  if (cache.changed() !== undefined || split.steps.length < MIN_STEPS) return;
  const doc = parseDocument(text, { prettyErrors: false, strict: true, uniqueKeys: true, logLevel: 'error' });
  // With syntax problems, where each is reported (and how the pieces recover) is the chunks' business.
  if (doc.errors.length || doc.warnings.length) return;
  const seq = findPair(doc.contents as Node | null, 'steps')?.value;
  if (!isSeq(seq) || seq.items.length !== split.steps.length) return;
  const items = seq.items as Node[];
  for (let k = 0; k < items.length; k++) {
    const r = items[k]?.range;
    const chunk = split.steps[k];
    if (!isMap(items[k]) || !r || r[0] < chunk.start || r[0] >= chunk.end) return;
  }
  for (let k = 0; k < items.length; k++) {
    const node = items[k];
    const chunk = split.steps[k];
    // The plain value first: toJS does not look at ranges.
    const value = toStepValue(node, doc);
    rebase(node, chunk.start, chunk.end);
    cache.seed({
      text: own(text.slice(chunk.start, chunk.end)),
      errors: [],
      items: [{ node, value, fields: fieldsOf(value) }],
    });
  }
}

/**
 * Makes every range inside `node` relative to `start`, as if the node had been parsed from its
 * chunk `[start, end)`. A whole parse ends the last item's ranges at the next item's dash, past
 * the indentation that the chunk leaves to the next chunk: clamped to the chunk's end.
 */
function rebase(node: Node, start: number, end: number): void {
  const max = end - start;
  const at = (x: number) => Math.min(x - start, max);
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    const node = n as { range?: [number, number, number] | null; items?: unknown[] };
    if (node.range) node.range = [at(node.range[0]), at(node.range[1]), at(node.range[2])];
    if (isMap(n) || isSeq(n))
      for (const item of n.items) {
        if (isPair(item)) {
          walk(item.key);
          walk(item.value);
        } else walk(item);
      }
  };
  // A plain walk: yaml's visit() builds a frozen path per node, several times the cost here.
  walk(node);
}
