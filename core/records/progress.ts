/**
 * When a step counts as finished, one definition for the gate, the counts on screen and the CLI:
 * skipped, or done and (when the start event lists it under `signoff`) signed off by a second,
 * different operator. A ticked step still waiting for that sign-off is `awaiting`.
 */
import type { RunState } from './fold';

export type Progress = 'pending' | 'running' | 'awaiting' | 'done' | 'skipped';

/** The step needs two people (listed in the start event, so the record alone decides). */
export function needsSignoff(state: RunState, id: string): boolean {
  const list = state.start?.signoff;
  if (!list?.length) return false;
  // A set per start event: asked once per step, a list scan would cost steps × sign-off steps.
  let set = signoffSets.get(list);
  if (!set) signoffSets.set(list, (set = new Set(list)));
  return set.has(id);
}

const signoffSets = new WeakMap<readonly string[], Set<string>>();

export function progressOf(state: RunState, id: string): Progress {
  const s = state.steps.get(id);
  if (!s || s.status === 'pending') return s?.startedAt ? 'running' : 'pending';
  if (s.status === 'skipped') return 'skipped';
  return needsSignoff(state, id) && !s.signedOff ? 'awaiting' : 'done';
}

/** Done (and signed off when needed) or skipped: later steps may go ahead. */
export function isComplete(state: RunState, id: string): boolean {
  const p = progressOf(state, id);
  return p === 'done' || p === 'skipped';
}

export interface Counts {
  /** Done, and signed off when that is needed. */
  done: number;
  skipped: number;
  /** Ticked, waiting for the second operator. */
  awaiting: number;
  /** Neither complete nor skipped (includes `awaiting`). */
  remaining: number;
  total: number;
}

/** The counts every surface shows (header, status bar, tree, CLI), over the runbook's step ids. */
export function countProgress(state: RunState, ids: readonly string[]): Counts {
  const c: Counts = { done: 0, skipped: 0, awaiting: 0, remaining: 0, total: ids.length };
  for (const id of ids) {
    const p = progressOf(state, id);
    if (p === 'done') c.done++;
    else if (p === 'skipped') c.skipped++;
    else {
      c.remaining++;
      if (p === 'awaiting') c.awaiting++;
    }
  }
  return c;
}
