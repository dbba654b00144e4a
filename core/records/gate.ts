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
