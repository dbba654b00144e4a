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

/** Ids of `a` that are not in one longest common subsequence of `a` and `b`. */
function outOfOrder(a: string[], b: string[]): string[] {
  const n = a.length,
    m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) {
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) {
      kept.add(a[i]);
      i++;
      j++;
    } else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  return b.filter((id) => !kept.has(id));
}

export function diffSteps(start: Pick<StartEvent, 'sha256' | 'steps'>, plan: RunbookPlan): StepChanges {
  const before = new Map(start.steps);
  const now = [...plan.byId.values()].map((s) => [s.id!, s.digest] as const);
  const nowIds = new Set(now.map(([id]) => id));
  const changed = now.filter(([id, d]) => before.has(id) && before.get(id) !== d).map(([id]) => id);
  const added = now.filter(([id]) => !before.has(id)).map(([id]) => id);
  const removed = start.steps.filter(([id]) => !nowIds.has(id)).map(([id]) => id);
  const common = (ids: string[]) => ids.filter((id) => before.has(id) && nowIds.has(id));
  const moved = outOfOrder(common(start.steps.map(([id]) => id)), common(now.map(([id]) => id)));
  return { textChanged: start.sha256 !== plan.sha256, changed, added, removed, moved };
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
