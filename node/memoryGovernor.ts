/**
 * Keeps the server's memory near its live size during bursts of edits on large runbooks.
 * Each check of a 10,000-step runbook leaves a few megabytes of short-lived objects that outlive
 * a young-generation collection (they belong to the model of the current text); V8 then lets the
 * old generation grow to several times the live size before collecting it. After a check, when
 * the heap has grown well past what was live after the last full collection, this runs one.
 * Each thread has its own heap and its own copy of this module: the checker thread calls
 * afterCheck after each check (once the reply is posted), the main thread after each check it runs,
 * and afterLargeChange after each change of a large document (each leaves a text behind there).
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

/**
 * Growth allowed over the live heap before collecting, and a floor below which nothing is done.
 * After a check: a full collection of the checker's 60 MiB heap costs tens of milliseconds, so
 * only when it has grown well past the live size (with 24 MiB and 1.4 the thread collected after
 * nearly every check of a runbook with many findings, and 100 fast edits took several times longer).
 */
const AFTER_CHECK = { growth: 1.6, floor: 96 * 1024 * 1024 };
/**
 * After a change of a large document on the main thread: its live heap is small (about 14 MiB,
 * cheap to collect), and each change leaves the previous text behind (megabytes): with the 96 MiB
 * floor 100 fast edits of a 10,000-step runbook piled up about 40 MiB of old texts.
 */
const AFTER_CHANGE = { growth: 1.4, floor: 24 * 1024 * 1024 };
let liveAfterLastCollect = 0;

function maybeCollect(limits: { growth: number; floor: number }): boolean {
  if (!collect) return false;
  const used = process.memoryUsage().heapUsed;
  if (used < limits.floor || used < liveAfterLastCollect * limits.growth) return false;
  collect();
  liveAfterLastCollect = process.memoryUsage().heapUsed;
  return true;
}

/** Call after each check; returns true when it collected. */
export function afterCheck(): boolean {
  return maybeCollect(AFTER_CHECK);
}

/** Call after each change of a large document whose text this thread holds; true when it collected. */
export function afterLargeChange(): boolean {
  return maybeCollect(AFTER_CHANGE);
}
