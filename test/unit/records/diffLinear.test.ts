/**
 * The linear runbook-change diff against the quadratic one it replaced (kept here as the oracle):
 * on random edits of a step list (content changes, additions, removals, moves) it finds the same
 * changed, added, removed and moved steps (of several equally short sets of moved steps, the
 * same one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffSteps } from '../../../core/records/diff';
import type { PlanStep, RunbookPlan } from '../../../core/records/plan';

/** The n·m longest-common-subsequence version that diff.ts used before. */
function oracleOutOfOrder(a: string[], b: string[]): string[] {
  const n = a.length,
    m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
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

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function planOfSteps(steps: [string, string][], sha256: string): RunbookPlan {
  const byId = new Map<string, PlanStep>();
  for (const [id, digest] of steps) byId.set(id, { id, digest } as PlanStep);
  return { sha256, steps: [...byId.values()], byId, duplicateIds: [] };
}

/** True when `sub` is a subsequence of `seq`. */
function isSubsequence(sub: string[], seq: string[]): boolean {
  let i = 0;
  for (const x of seq) if (i < sub.length && sub[i] === x) i++;
  return i === sub.length;
}

test('random edits: the same changes as the quadratic diff, moved steps included', () => {
  const rnd = random(42);
  for (let round = 0; round < 300; round++) {
    const n = 1 + Math.floor(rnd() * 40);
    const before: [string, string][] = Array.from({ length: n }, (_, i) => [`s${i}`, `d${i}`]);
    const now = before.map(([id, d]) => [id, d] as [string, string]);
    const edits = 1 + Math.floor(rnd() * 6);
    let fresh = 0;
    for (let e = 0; e < edits; e++) {
      const kind = Math.floor(rnd() * 4);
      const at = Math.floor(rnd() * now.length);
      if (kind === 0 && now.length) now[at] = [now[at][0], `${now[at][1]}'`];
      else if (kind === 1) now.splice(at, 0, [`new${fresh++}`, 'x']);
      else if (kind === 2 && now.length > 1) now.splice(at, 1);
      else if (now.length) {
        const [moving] = now.splice(at, 1);
        now.splice(Math.floor(rnd() * (now.length + 1)), 0, moving);
      }
    }
    const got = diffSteps({ sha256: 'old', steps: before }, planOfSteps(now, 'new'));
    const beforeIds = new Set(before.map(([id]) => id));
    const nowIds = new Set(now.map(([id]) => id));
    const digests = new Map(before);
    assert.deepEqual(
      got.changed,
      now.filter(([id, d]) => beforeIds.has(id) && digests.get(id) !== d).map(([id]) => id),
    );
    assert.deepEqual(
      got.added,
      now.filter(([id]) => !beforeIds.has(id)).map(([id]) => id),
    );
    assert.deepEqual(
      got.removed,
      before.filter(([id]) => !nowIds.has(id)).map(([id]) => id),
    );
    const a = before.map(([id]) => id).filter((id) => nowIds.has(id));
    const b = now.map(([id]) => id).filter((id) => beforeIds.has(id));
    const expected = oracleOutOfOrder(a, b);
    assert.deepEqual(got.moved, expected, `round ${round}: the moved steps of the LCS diff`);
    // What is not moved keeps its order on both sides, and every moved step is a common step.
    const moved = new Set(got.moved);
    const keptNow = b.filter((id) => !moved.has(id));
    assert.ok(isSubsequence(keptNow, a), `round ${round}: the unmoved steps keep their order`);
    assert.ok(got.moved.every((id) => beforeIds.has(id) && nowIds.has(id)));
    assert.equal(got.textChanged, true);
  }
});

test('one step moved far down is the one named, not the steps it jumped over', () => {
  const before: [string, string][] = ['a', 'b', 'c', 'd', 'e'].map((id) => [id, id]);
  const now: [string, string][] = ['b', 'c', 'd', 'a', 'e'].map((id) => [id, id]);
  assert.deepEqual(diffSteps({ sha256: 'old', steps: before }, planOfSteps(now, 'new')).moved, ['a']);
});

test('an unchanged digest means no step changed, without comparing the steps', () => {
  const before: [string, string][] = [['a', '1']];
  // Even steps that differ are not compared when the text hash is the same (it cannot happen).
  const c = diffSteps({ sha256: 'same', steps: before }, planOfSteps([['b', '2']], 'same'));
  assert.deepEqual(c, { textChanged: false, changed: [], added: [], removed: [], moved: [] });
});
