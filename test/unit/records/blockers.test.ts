/** "Waits for" names only the nearest unmet predecessors, not every earlier step. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { directBlockers } from '../../../core/records/blockers';
import { foldRun } from '../../../core/records/fold';
import type { RunEvent } from '../../../core/records/events';
import { blockers } from '../../../core/records/gate';
import { planOf, RUNBOOK, start, T } from './helpers';

test('member-server: the last step waits for the one before it, not for twenty', () => {
  const text = readFileSync(join(__dirname, '../../../examples/member-server.runbook.yaml'), 'utf8');
  const plan = planOf(text);
  const state = foldRun([start(plan)]);
  const last = plan.steps[plan.steps.length - 1];
  assert.ok(blockers(plan.steps, state, last.id!).length >= 15, 'the gate still knows them all');
  const direct = directBlockers(plan.steps, state, last.id!);
  assert.ok(direct.length <= 2, direct.join(', '));
  assert.ok(direct.includes(plan.steps[plan.steps.length - 2].id!));
});

test('a parallel group is waited for as a whole; done steps drop out; an open step is implied by an open step after it', () => {
  const plan = planOf(); // confirm, dismount, copy-files + check-disk (parallel: prep), restore (after check-disk), mount
  const none = foldRun([start(plan)]);
  assert.deepEqual(directBlockers(plan.steps, none, 'restore-store'), ['copy-files', 'check-disk']);
  assert.deepEqual(directBlockers(plan.steps, none, 'copy-files'), ['dismount-store'], 'its group mate is no blocker');
  const events: RunEvent[] = [
    start(plan),
    { at: T(1), by: 'A', event: 'done', step: 'dismount-store', override: 'done by phone' },
    { at: T(2), by: 'A', event: 'done', step: 'copy-files' },
  ];
  const partial = foldRun(events);
  // confirm-backup is still open (dismount was ticked with an override), but check-disk must wait for
  // it too: naming check-disk is enough, and check-disk's own row names confirm-backup.
  assert.deepEqual(directBlockers(plan.steps, partial, 'restore-store'), ['check-disk']);
  assert.deepEqual(directBlockers(plan.steps, partial, 'check-disk'), ['confirm-backup']);
  assert.deepEqual(directBlockers(plan.steps, partial, 'mount-store'), ['restore-store']);
});

test('after: naming a later step makes it the blocker; the steps before that one are implied', () => {
  const text = RUNBOOK.replace(
    '  - id: dismount-store\n    action: database.dismount\n',
    '  - id: dismount-store\n    action: database.dismount\n    after: [mount-store]\n',
  );
  const plan = planOf(text);
  const state = foldRun([start(plan)]);
  assert.deepEqual(directBlockers(plan.steps, state, 'dismount-store'), ['mount-store']);
  const confirmed = foldRun([start(plan), { at: T(1), by: 'A', event: 'done', step: 'confirm-backup' }]);
  assert.deepEqual(directBlockers(plan.steps, confirmed, 'copy-files'), ['dismount-store']);
  // restore-store names check-disk in after: and check-disk is unmet: copy-files is still direct (same group).
  assert.deepEqual(directBlockers(plan.steps, state, 'restore-store'), ['copy-files', 'check-disk']);
});

test('allDirectBlockers (one pass) names what directBlockers names for every step, groups and after: mixed', async () => {
  const { allDirectBlockers } = await import('../../../core/records/blockers');
  const plan = planOf();
  let seed = 11;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let round = 0; round < 400; round++) {
    const n = 1 + Math.floor(rnd() * 40);
    const groups = 1 + Math.floor(rnd() * 3);
    const steps = Array.from({ length: n }, (_, i) => ({
      id: rnd() < 0.08 ? undefined : `s${i}`,
      // Runs of one group, and now and then groups that interleave.
      parallel: rnd() < 0.45 ? `g${Math.floor(rnd() * groups)}` : undefined,
      after:
        rnd() < 0.3 ? [`s${Math.floor(rnd() * (n + 2))}`, ...(rnd() < 0.3 ? [`s${Math.floor(rnd() * n)}`] : [])] : [],
    }));
    const doneShare = rnd();
    const events = steps
      .filter((s) => s.id && rnd() < doneShare)
      .map((s, k) => ({ at: T(k + 1), by: 'Alice', event: rnd() < 0.8 ? 'done' : 'skip', step: s.id, reason: 'r' }));
    const state = foldRun([start(plan), ...(events as RunEvent[])]);
    const all = allDirectBlockers(steps, state);
    for (const s of steps) {
      if (!s.id) continue;
      assert.deepEqual(
        all.get(s.id),
        directBlockers(steps, state, s.id),
        `round ${round}, ${s.id}: ${JSON.stringify(steps)}`,
      );
    }
  }
});

test('allDirectBlockers agrees on the example runbooks, fresh and half done', async () => {
  const { allDirectBlockers } = await import('../../../core/records/blockers');
  for (const name of ['member-server', 'database-restore']) {
    let text: string;
    try {
      text = readFileSync(join(__dirname, `../../../examples/${name}.runbook.yaml`), 'utf8');
    } catch {
      continue;
    }
    const plan = planOf(text);
    const ids = plan.steps.filter((s) => s.id).map((s) => s.id!);
    const half = ids
      .filter((_, i) => i % 2 === 0)
      .map((step, k): RunEvent => ({ at: T(k + 1), by: 'A', event: 'done', step }));
    for (const state of [foldRun([start(plan)]), foldRun([start(plan), ...half])]) {
      const all = allDirectBlockers(plan.steps, state);
      for (const id of ids) assert.deepEqual(all.get(id), directBlockers(plan.steps, state, id), `${name}: ${id}`);
    }
  }
});
