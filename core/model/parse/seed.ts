/**
 * The first parse of a document: one `parseDocument` per batch of 100 steps, whose step items
 * seed the chunk cache, instead of one `parseDocument` per step. Each document costs a schema set-up,
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
import type { SplitResult, StepChunk } from './splitSteps';

/** Below this many steps the per-chunk overhead does not matter and seeding is not worth it. */
const MIN_STEPS = 16;
/**
 * Steps per batch: enough that the per-document cost vanishes, few enough that a batch's tokens
 * and nodes die young: one parse of a whole 10,000-step text raised the peak RSS by about 60 MiB,
 * batches of 250 by 30, batches of 100 not at all (measured with --expose-gc, RSS after the parse).
 */
const BATCH = 100;

export function seedFromWholeParse(text: string, split: SplitResult, cache: ParseCache): void {
  if (cache.changed() !== undefined || split.steps.length < MIN_STEPS) return;
  for (let first = 0; first < split.steps.length; first += BATCH)
    seedBatch(text, split.steps.slice(first, first + BATCH), cache);
}

/**
 * One parse of consecutive step chunks, `[chunks[0].start, last.end)`: a block list on its own,
 * as each chunk is. Seeds nothing when anything is unusual; those chunks are then parsed one by one.
 */
function seedBatch(text: string, chunks: StepChunk[], cache: ParseCache): void {
  const from = chunks[0].start;
  const batch = text.slice(from, chunks[chunks.length - 1].end);
  const doc = parseDocument(batch, {
    prettyErrors: false,
    strict: true,
    uniqueKeys: true,
    merge: true,
    logLevel: 'error',
  });
  // With syntax problems, where each is reported (and how the pieces recover) is the chunks' business.
  if (doc.errors.length || doc.warnings.length) return;
  const seq = doc.contents;
  if (!isSeq(seq) || seq.items.length !== chunks.length) return;
  const items = seq.items as Node[];
  for (let k = 0; k < items.length; k++) {
    const r = items[k]?.range;
    if (!isMap(items[k]) || !r || r[0] + from < chunks[k].start || r[0] + from >= chunks[k].end) return;
  }
  for (let k = 0; k < items.length; k++) {
    const node = items[k];
    const chunk = chunks[k];
    // The plain value first: toJS does not look at ranges.
    const value = toStepValue(node, doc);
    rebase(node, chunk.start - from, chunk.end - from);
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
