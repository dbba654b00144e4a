/**
 * Keeps the server's memory near its live size during bursts of edits on large runbooks.
 * Each check of a 10,000-step runbook leaves a few megabytes of short-lived objects that outlive
 * a young-generation collection (they belong to the model of the current text); V8 then lets the
 * old generation grow to several times the live size before collecting it. After a check, when
 * the heap has grown well past what was live after the last full collection, this runs one.
 * `--expose-gc` is switched on at run time because editors start the server with plain `node`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;
try {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as () => void;
} catch {
  collect = undefined; // a runtime without the flag: V8's own heuristics decide
}

/** Growth allowed over the live heap before collecting, and a floor below which nothing is done. */
const GROWTH = 1.6;
const FLOOR_BYTES = 96 * 1024 * 1024;
let liveAfterLastCollect = 0;

/** Call after each check; returns true when it collected. */
export function afterCheck(): boolean {
  if (!collect) return false;
  const used = process.memoryUsage().heapUsed;
  if (used < FLOOR_BYTES || used < liveAfterLastCollect * GROWTH) return false;
  collect();
  liveAfterLastCollect = process.memoryUsage().heapUsed;
  return true;
}
