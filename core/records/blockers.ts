/**
 * What a step really waits for: of the predecessors the gate would name (gate.ts), only those not
 * implied by another one. A step that is not done and must itself come after another unmet
 * predecessor adds nothing ("finish step 20" already means steps 1–19 first), so "Waits for" shows
 * the nearest unmet steps: usually one, several only for a parallel group or an `after:` that
 * reaches past the order.
 */
import type { RunState } from './fold';
import { blockers, type GateStep } from './gate';

/** The unmet predecessors of `id` that no other unmet predecessor of it comes after, in runbook order. */
export function directBlockers(steps: readonly GateStep[], state: RunState, id: string): string[] {
  const unmet = blockers(steps, state, id);
  if (unmet.length < 2) return unmet;
  const byId = new Map<string, { index: number; step: GateStep }>();
  steps.forEach((step, index) => {
    if (step.id && !byId.has(step.id)) byId.set(step.id, { index, step });
  });
  // p is implied when an unmet q must come after it: q later in the order and not in p's parallel
  // group, or q names p in `after:`.
  const named = new Set(unmet.flatMap((q) => byId.get(q)?.step.after ?? []));
  const laterInGroup = new Map<string, number>();
  let later = 0;
  const keep: string[] = [];
  for (let i = unmet.length - 1; i >= 0; i--) {
    const p = unmet[i];
    const group = byId.get(p)?.step.parallel;
    const laterOutsideGroup = later - (group ? (laterInGroup.get(group) ?? 0) : 0);
    if (laterOutsideGroup === 0 && !named.has(p)) keep.push(p);
    later++;
    if (group) laterInGroup.set(group, (laterInGroup.get(group) ?? 0) + 1);
  }
  return keep.reverse();
}
