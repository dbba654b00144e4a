/** Two-person sign-off: a step with `signoff: 2` counts as done only once a second, different operator confirms it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, startEvent } from '../../../core/records/commands';
import { foldRun } from '../../../core/records/fold';
import type { RunEvent } from '../../../core/records/events';
import { blockers } from '../../../core/records/gate';
import { countProgress, progressOf } from '../../../core/records/progress';
import { planOf, RUNBOOK, T, T0 } from './helpers';

const TWO = RUNBOOK.replace(
  '    title: Dismount the mailbox store\n',
  '    title: Dismount the mailbox store\n    signoff: 2\n',
);
const plan = planOf(TWO);
const start = startEvent(plan, 'db/restore.runbook.yaml', { now: T0, by: 'Alice', rehearsal: false });
const ticked: RunEvent[] = [
  start,
  { at: T(1), by: 'Alice', event: 'done', step: 'confirm-backup' },
  { at: T(2), by: 'Alice', event: 'done', step: 'dismount-store' },
];
const ids = plan.steps.map((s) => s.id!);

test('the start event lists the steps that need two people', () => {
  assert.deepEqual(start.signoff, ['dismount-store']);
});

test('ticked but not signed off: awaiting, not counted as done, and the next step still waits for it', () => {
  const state = foldRun(ticked);
  assert.equal(progressOf(state, 'dismount-store'), 'awaiting');
  assert.deepEqual(countProgress(state, ids), { done: 1, skipped: 0, awaiting: 1, remaining: 5, total: 6 });
  assert.deepEqual(blockers(plan.steps, state, 'copy-files'), ['dismount-store']);
  const tick = decide({ plan, state, now: T(3), by: 'Alice' }, { kind: 'tick', step: 'copy-files' });
  assert.equal(tick.refusal?.code, 'gate');
});

test('the operator who ticked it cannot sign it off; a second operator can, once; both names and times are kept', () => {
  const state = foldRun(ticked);
  const own = decide({ plan, state, now: T(3), by: 'Alice' }, { kind: 'signoff', step: 'dismount-store' });
  assert.equal(own.refusal?.code, 'same-operator');
  assert.match(own.refusal!.message, /Alice ticked step 'dismount-store': the sign-off must come from a second/);
  const bob = decide(
    { plan, state, now: T(4), by: 'Bob' },
    { kind: 'signoff', step: 'dismount-store', note: 'saw it dismounted in System Manager' },
  );
  assert.deepEqual(bob.event, {
    at: T(4),
    by: 'Bob',
    event: 'signoff',
    step: 'dismount-store',
    note: 'saw it dismounted in System Manager',
  });
  const signed = foldRun([...ticked, bob.event!]);
  const step = signed.steps.get('dismount-store')!;
  assert.deepEqual([step.by, step.at], ['Alice', T(2)]);
  assert.deepEqual(step.signedOff, { at: T(4), by: 'Bob' });
  assert.equal(progressOf(signed, 'dismount-store'), 'done');
  assert.deepEqual(blockers(plan.steps, signed, 'copy-files'), []);
  const twice = decide({ plan, state: signed, now: T(5), by: 'Carol' }, { kind: 'signoff', step: 'dismount-store' });
  assert.match(twice.refusal!.message, /already signed off by Bob/);
});

test('sign-off is refused for a step that is not done or needs no second operator', () => {
  const state = foldRun([start]);
  assert.match(
    decide({ plan, state, now: T(1), by: 'Bob' }, { kind: 'signoff', step: 'dismount-store' }).refusal!.message,
    /is not done: it can be signed off once it is ticked/,
  );
  assert.match(
    decide({ plan, state: foldRun(ticked), now: T(3), by: 'Bob' }, { kind: 'signoff', step: 'confirm-backup' }).refusal!
      .message,
    /needs no sign-off/,
  );
  const secret = decide(
    { plan, state: foldRun(ticked), now: T(3), by: 'Bob' },
    { kind: 'signoff', step: 'dismount-store', note: 'password=hunter2' },
  );
  assert.equal(secret.refusal?.code, 'secret');
});

test('an untick drops the sign-off: the step needs both people again', () => {
  const events: RunEvent[] = [
    ...ticked,
    { at: T(4), by: 'Bob', event: 'signoff', step: 'dismount-store' },
    { at: T(5), by: 'Bob', event: 'undo', step: 'dismount-store' },
    { at: T(6), by: 'Bob', event: 'done', step: 'dismount-store' },
  ];
  const state = foldRun(events);
  assert.equal(progressOf(state, 'dismount-store'), 'awaiting');
  assert.equal(
    decide({ plan, state, now: T(7), by: 'Alice' }, { kind: 'signoff', step: 'dismount-store' }).event?.by,
    'Alice',
    'now Alice is the second operator',
  );
});

test('a sign-off written before the tick it confirms (clock skew between clones) does not count', () => {
  const state = foldRun([
    start,
    { at: T(1), by: 'Bob', event: 'signoff', step: 'dismount-store' },
    { at: T(2), by: 'Alice', event: 'done', step: 'dismount-store' },
  ]);
  assert.equal(progressOf(state, 'dismount-store'), 'awaiting');
});
