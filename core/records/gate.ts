/**
 * The ordering gate: a step may be ticked when every step before it (runbook order, except the
 * steps of its own `parallel:` group) and every step it names in `after:` is done or skipped.
 * Otherwise ticking needs an override reason, which is recorded with the tick.
 */
import type { RunState } from './fold';
import { isComplete } from './progress';

export interface GateStep {
  id?: string;
  after: readonly string[];
  parallel?: string;
}

/** Ids of the steps that must be done (or skipped) before `id`, in runbook order. */
export function predecessors(steps: readonly GateStep[], id: string): string[] {
  const index = steps.findIndex((s) => s.id === id);
  if (index < 0) return [];
  const self = steps[index];
  const wanted = new Set<string>(self.after);
  steps.forEach((s, i) => {
    if (i < index && s.id && !(self.parallel && s.parallel === self.parallel)) wanted.add(s.id);
  });
  wanted.delete(id);
  // Runbook order; ids in `after:` that name no step are left out (the lint reports them).
  return steps
    .filter((s) => s.id && wanted.has(s.id))
    .map((s) => s.id!)
    .filter((v, i, a) => a.indexOf(v) === i);
}

/** The predecessors of `id` that are neither done (and signed off when needed) nor skipped. */
export function blockers(steps: readonly GateStep[], state: RunState, id: string): string[] {
  return predecessors(steps, id).filter((p) => !isComplete(state, p));
}

/** The order kept in a start event, for when the runbook itself cannot be read. */
export function stepsFromStart(state: RunState): GateStep[] {
  return (state.start?.steps ?? []).map(([id]) => ({ id, after: [] }));
}

/** How many blockers a checklist names per step; the rest are counted. */
export const BLOCKERS_NAMED = 10;

export interface StepBlockers {
  /** The first `BLOCKERS_NAMED` blockers in runbook order. */
  first: string[];
  /** How many blockers there are in all. */
  total: number;
}

/**
 * `blockers()` of every step with an id at once, in one pass over the steps (the first step with
 * each id; a later duplicate is not tickable). Calling `blockers()` per step costs n² and lists
 * n²/2 ids when nothing is done yet: 50 million at 10,000 steps. Here each step names its first
 * `BLOCKERS_NAMED` blockers and counts the rest.
 */
export function allBlockers(steps: readonly GateStep[], state: RunState): Map<string, StepBlockers> {
  const indexOf = new Map<string, number>();
  steps.forEach((s, i) => {
    if (s.id && !indexOf.has(s.id)) indexOf.set(s.id, i);
  });
  const pending = (id: string) => !isComplete(state, id);
  /** Pending ids before the current step, first occurrences only, in runbook order. */
  const pendingBefore: number[] = [];
  const pendingPerGroup = new Map<string, number>();
  const out = new Map<string, StepBlockers>();
  steps.forEach((self, index) => {
    const id = self.id;
    if (id && indexOf.get(id) === index) {
      const group = self.parallel;
      const sameGroup = group ? (pendingPerGroup.get(group) ?? 0) : 0;
      // `after:` ids that the order does not already count: later steps, or earlier ones of the own group.
      const extra = new Set<number>();
      for (const a of self.after) {
        const at = indexOf.get(a);
        if (at === undefined || a === id || !pending(a)) continue;
        if (at > index || (group && steps[at].parallel === group)) extra.add(at);
      }
      const first: number[] = [];
      for (const at of pendingBefore) {
        if (first.length >= BLOCKERS_NAMED) break;
        if (!(group && steps[at].parallel === group)) first.push(at);
      }
      // `first` is in runbook order already; only `after:` ids reaching elsewhere need a sort.
      const named = (extra.size ? [...first, ...extra].sort((x, y) => x - y).slice(0, BLOCKERS_NAMED) : first).map(
        (at) => steps[at].id!,
      );
      out.set(id, { first: named, total: pendingBefore.length - sameGroup + extra.size });
      if (pending(id)) {
        pendingBefore.push(index);
        if (group) pendingPerGroup.set(group, sameGroup + 1);
      }
    }
  });
  return out;
}
