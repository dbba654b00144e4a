/**
 * What a step really waits for: of the predecessors the gate would name (gate.ts), only those not
 * implied by another one. A step that is not done and must itself come after another unmet
 * predecessor adds nothing ("finish step 20" already means steps 1–19 first), so "Waits for" shows
 * the nearest unmet steps: usually one, several only for a parallel group or an `after:` that
 * reaches past the order.
 */
import type { RunState } from './fold';
import { blockers, type GateStep } from './gate';
import { isComplete } from './progress';

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

/**
 * `directBlockers()` of every step with an id, in one pass over the steps (the first step with
 * each id; a later duplicate is not tickable). Calling it per step lists every unmet predecessor
 * of every step: n² ids, seconds at 10,000 steps on the extension host.
 *
 * Why one pass is enough: of the unmet predecessors u₁…u_k (runbook order), `directBlockers` keeps
 * u_i only when every later u_j is in u_i's parallel group, so the kept ones are the last u_k and,
 * when u_k has a group, the unmet predecessors of that group right before it; minus those that
 * some unmet predecessor names in `after:`. Walking back from the end of the pending steps finds
 * them; the steps of the own group are skipped run by run, so the walk stops after a handful of
 * steps unless groups interleave.
 */
export function allDirectBlockers(steps: readonly GateStep[], state: RunState): Map<string, string[]> {
  const indexOf = new Map<string, number>();
  steps.forEach((s, i) => {
    if (s.id && !indexOf.has(s.id)) indexOf.set(s.id, i);
  });
  const pending = new Map<number, boolean>();
  const isPending = (at: number): boolean => {
    let p = pending.get(at);
    if (p === undefined) pending.set(at, (p = !isComplete(state, steps[at].id!)));
    return p;
  };
  // Who names whom in `after:` (first steps of each id only), to drop a candidate an unmet predecessor names.
  const namedBy = new Map<number, number[]>();
  for (const [, at] of indexOf)
    for (const a of steps[at].after) {
      const target = indexOf.get(a);
      if (target === undefined) continue;
      const list = namedBy.get(target);
      if (list) list.push(at);
      else namedBy.set(target, [at]);
    }
  /** Pending first steps before the current one, in order, and where each one's run of its group begins. */
  const pend: number[] = [];
  const runStart: number[] = [];
  const pendingPerGroup = new Map<string, number>();
  const out = new Map<string, string[]>();
  steps.forEach((self, index) => {
    const id = self.id;
    if (!id || indexOf.get(id) !== index) return;
    const group = self.parallel;
    const inOwnGroup = (at: number) => !!group && steps[at].parallel === group;
    /** q is an unmet predecessor of this step. */
    const extra: number[] = [];
    for (const a of self.after) {
      const at = indexOf.get(a);
      if (at === undefined || at === index || !isPending(at)) continue;
      // Earlier steps outside the own group are counted by the order already.
      if (at < index && !inOwnGroup(at)) continue;
      if (!extra.includes(at)) extra.push(at);
    }
    const fromOrder = pend.length - (group ? (pendingPerGroup.get(group) ?? 0) : 0);
    const unmetCount = fromOrder + extra.length;
    const unmet = (q: number) => q !== index && isPending(q) && ((q < index && !inOwnGroup(q)) || extra.includes(q));
    extra.sort((x, y) => y - x);
    // The unmet predecessors from the last one backwards: the order's (skipping the own group) merged with `after:`'s.
    let p = pend.length - 1;
    let e = 0;
    const nextFromOrder = (): number | undefined => {
      while (p >= 0 && inOwnGroup(pend[p])) p = runStart[p] - 1;
      return p >= 0 ? pend[p] : undefined;
    };
    const next = (): number | undefined => {
      const o = nextFromOrder();
      const x = e < extra.length ? extra[e] : undefined;
      if (x !== undefined && (o === undefined || x > o)) {
        e++;
        return x;
      }
      if (o !== undefined) p--;
      return o;
    };
    const tail: number[] = [];
    const last = next();
    if (last !== undefined) {
      tail.push(last);
      const g = steps[last].parallel;
      if (g && unmetCount > 1)
        for (let q = next(); q !== undefined && steps[q].parallel === g; q = next()) tail.push(q);
    }
    const kept = unmetCount < 2 ? tail : tail.filter((t) => !(namedBy.get(t) ?? []).some((q) => unmet(q)));
    out.set(
      id,
      kept.reverse().map((at) => steps[at].id!),
    );
    if (isPending(index)) {
      const prev = pend.length - 1;
      const sameRun = prev >= 0 && !!group && steps[pend[prev]].parallel === group;
      runStart.push(sameRun ? runStart[prev] : pend.length);
      pend.push(index);
      if (group) pendingPerGroup.set(group, (pendingPerGroup.get(group) ?? 0) + 1);
    }
  });
  return out;
}
