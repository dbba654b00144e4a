/** What changed in a runbook since a run started, from the per-step digests of the start event. */
import type { StartEvent } from './events';
import type { RunbookPlan } from './plan';

export interface StepChanges {
  /** True when the runbook's text differs at all (even only in comments). */
  textChanged: boolean;
  /** Steps whose content changed. */
  changed: string[];
  added: string[];
  removed: string[];
  /** Steps still there whose position relative to the others changed. */
  moved: string[];
}

/**
 * Ids of `b` that are not in one longest common subsequence of `a` and `b`, where `a` and `b`
 * hold the same unique ids (step ids are unique), so the LCS is the longest increasing run of
 * `b`'s positions in `a`: O(n log n) with patience sorting, instead of an n·m table (8 s and
 * 600 MiB at 10,000 steps).
 */
function outOfOrder(a: readonly string[], b: readonly string[]): string[] {
  const posInA = new Map<string, number>();
  a.forEach((id, i) => posInA.set(id, i));
  // Walked from the end of `b` (positions negated), so that of several longest runs the one
  // starting earliest in `b` is kept: a step moved down names itself, not the one it passed,
  // as the table-based diff did.
  const seq = b.map((id) => -posInA.get(id)!).reverse();
  // tails[k]: index in `seq` of the smallest tail of an increasing run of length k + 1.
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0,
      hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]] < seq[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i !== -1; i = prev[i]) kept.add(b.length - 1 - i);
  return b.filter((_, i) => !kept.has(i));
}

const NO_CHANGES = (): StepChanges => ({ textChanged: false, changed: [], added: [], removed: [], moved: [] });

export function diffSteps(start: Pick<StartEvent, 'sha256' | 'steps'>, plan: RunbookPlan): StepChanges {
  // The same text gives the same steps: nothing to compare.
  if (start.sha256 === plan.sha256) return NO_CHANGES();
  // First entry wins, as in a plan, should a hand-edited start event repeat an id.
  const before = new Map<string, string>();
  for (const [id, d] of start.steps) if (!before.has(id)) before.set(id, d);
  const now = [...plan.byId.values()].map((s) => [s.id!, s.digest] as const);
  const nowIds = new Set(now.map(([id]) => id));
  const changed = now.filter(([id, d]) => before.has(id) && before.get(id) !== d).map(([id]) => id);
  const added = now.filter(([id]) => !before.has(id)).map(([id]) => id);
  const removed = [...before.keys()].filter((id) => !nowIds.has(id));
  const moved = outOfOrder(
    [...before.keys()].filter((id) => nowIds.has(id)),
    now.map(([id]) => id).filter((id) => before.has(id)),
  );
  return { textChanged: true, changed, added, removed, moved };
}

export function hasStepChanges(c: StepChanges): boolean {
  return c.changed.length + c.added.length + c.removed.length + c.moved.length > 0;
}

/** One sentence naming the changed steps, or undefined when no step changed. */
export function describeChanges(c: StepChanges): string | undefined {
  if (!hasStepChanges(c))
    return c.textChanged ? 'The runbook text changed since this run started (no step changed).' : undefined;
  const parts: string[] = [];
  if (c.changed.length) parts.push(`changed: ${c.changed.join(', ')}`);
  if (c.added.length) parts.push(`added: ${c.added.join(', ')}`);
  if (c.removed.length) parts.push(`removed: ${c.removed.join(', ')}`);
  if (c.moved.length) parts.push(`moved: ${c.moved.join(', ')}`);
  return `The runbook changed since this run started (${parts.join('; ')}).`;
}
