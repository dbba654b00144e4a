/**
 * Real durations and the recovery time objective: `begin` (explicit, or written before the first
 * note on a step), `rto`/`expect` kept in the start event, and the projection from the record alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decide, implicitBegin, startEvent, startProblem } from '../../../core/records/commands';
import { foldRun } from '../../../core/records/fold';
import type { RunEvent } from '../../../core/records/events';
import { projectRun } from '../../../core/records/projection';
import { planOf, RUNBOOK, T, T0 } from './helpers';

const TIMED = RUNBOOK.replace('title: Restore the mailbox store\n', 'title: Restore the mailbox store\nrto: 2h\n')
  .replace('    notes: Tell the help desk first.\n', '    notes: Tell the help desk first.\n    expect: 10m\n')
  .replace(
    '  - id: restore-store\n    action: database.restore\n',
    '  - id: restore-store\n    action: database.restore\n    expect: 1h30m\n',
  )
  .replace(
    '  - id: mount-store\n    action: database.mount\n',
    '  - id: mount-store\n    action: database.mount\n    expect: 5m\n',
  );

const plan = planOf(TIMED);
const begin = startEvent(plan, 'db/restore.runbook.yaml', { now: T0, by: 'Alice', rehearsal: false });

function state(...events: RunEvent[]) {
  return foldRun([begin, ...events]);
}

test('the start event keeps the objective and the expected durations, in seconds', () => {
  assert.equal(begin.rto, 7200);
  assert.deepEqual(begin.expect, [
    ['dismount-store', 600],
    ['restore-store', 5400],
    ['mount-store', 300],
  ]);
  assert.equal(begin.signoff, undefined, 'no step needs two people');
  const plain = startEvent(planOf(), 'x', { now: T0, by: 'A', rehearsal: false });
  assert.ok(!('rto' in plain) && !('expect' in plain), 'a runbook without them writes neither');
});

test('begin: work on a step starts once; done steps and finished runs refuse it', () => {
  const d = decide({ plan, state: state(), now: T(60), by: 'Bob' }, { kind: 'begin', step: 'dismount-store' });
  assert.deepEqual(d.event, { at: T(60), by: 'Bob', event: 'begin', step: 'dismount-store' });
  const began = state(d.event!);
  assert.equal(began.steps.get('dismount-store')?.startedAt, T(60));
  const again = decide({ plan, state: began, now: T(70), by: 'Bob' }, { kind: 'begin', step: 'dismount-store' });
  assert.match(again.refusal!.message, /already began at 2026-11-25T09:01:00.000Z/);
  const done = state({ at: T(5), by: 'Bob', event: 'done', step: 'confirm-backup' });
  assert.equal(
    decide({ plan, state: done, now: T(9), by: 'Bob' }, { kind: 'begin', step: 'confirm-backup' }).refusal?.code,
    'state',
  );
  const finished = state({ at: T(5), by: 'Bob', event: 'finish' });
  assert.equal(
    decide({ plan, state: finished, now: T(9), by: 'Bob' }, { kind: 'begin', step: 'mount-store' }).refusal?.code,
    'finished',
  );
  assert.equal(
    decide({ plan, state: state(), now: T(9), by: 'Bob' }, { kind: 'begin', step: 'nope' }).refusal?.code,
    'unknown-step',
  );
});

test('the first note on a step that has not begun implies a begin; later notes and done steps do not', () => {
  const ctx = { plan, state: state(), now: T(30), by: 'Bob' };
  assert.deepEqual(implicitBegin(ctx, { kind: 'note', step: 'restore-store', note: 'tape in drive' }), {
    at: T(30),
    by: 'Bob',
    event: 'begin',
    step: 'restore-store',
  });
  assert.equal(implicitBegin(ctx, { kind: 'note', note: 'run note' }), undefined, 'a note on the run');
  const began = { ...ctx, state: state({ at: T(10), by: 'Bob', event: 'begin', step: 'restore-store' }) };
  assert.equal(implicitBegin(began, { kind: 'note', step: 'restore-store', note: 'x' }), undefined);
  const done = { ...ctx, state: state({ at: T(10), by: 'Bob', event: 'done', step: 'confirm-backup' }) };
  assert.equal(implicitBegin(done, { kind: 'note', step: 'confirm-backup', note: 'x' }), undefined);
  assert.equal(implicitBegin(ctx, { kind: 'tick', step: 'confirm-backup' }), undefined);
});

test('undo clears the start: a redone step is timed from its new begin', () => {
  const s = state(
    { at: T(10), by: 'A', event: 'begin', step: 'dismount-store' },
    { at: T(20), by: 'A', event: 'done', step: 'dismount-store' },
    { at: T(30), by: 'A', event: 'undo', step: 'dismount-store' },
    { at: T(100), by: 'A', event: 'begin', step: 'dismount-store' },
    { at: T(160), by: 'A', event: 'done', step: 'dismount-store' },
  );
  const timing = projectRun(s, T(200)).steps.find((x) => x.id === 'dismount-store');
  assert.deepEqual(timing, { id: 'dismount-store', expect: 600, actual: 60, running: false, over: false });
});

test('projection: elapsed against the objective, finish from what is left, steps running past expectation', () => {
  const s = state(
    { at: T(60), by: 'A', event: 'done', step: 'confirm-backup' },
    { at: T(120), by: 'A', event: 'begin', step: 'dismount-store' },
    { at: T(900), by: 'A', event: 'done', step: 'dismount-store' }, // 13m against 10m: ran over
    { at: T(960), by: 'A', event: 'skip', step: 'copy-files', reason: 'new disk' },
    { at: T(1000), by: 'A', event: 'done', step: 'check-disk' },
    { at: T(1200), by: 'A', event: 'begin', step: 'restore-store' },
  );
  const now = T(1200 + 5400 + 60); // the restore has run 1h31m against 1h30m
  const p = projectRun(s, now);
  assert.equal(p.elapsed, 6660);
  assert.equal(p.rto, 7200);
  assert.equal(p.remaining, 300, 'the overrunning restore adds nothing more; mount adds its 5m');
  assert.equal(p.unestimated, 0);
  assert.equal(p.projectedFinish, T(6660 + 300));
  assert.equal(p.overRto, 6660 + 300 - 7200);
  assert.deepEqual(p.overrunning, ['restore-store']);
  const dismount = p.steps.find((x) => x.id === 'dismount-store')!;
  assert.equal(dismount.actual, 780);
  assert.equal(dismount.over, true, 'a finished step that took longer is marked too');
  assert.equal(p.steps.find((x) => x.id === 'copy-files')!.actual, undefined, 'skipped without a begin: no time');
});

test('projection early in a run: running steps count what is left of their expectation; unestimated steps are counted', () => {
  const s = state({ at: T(60), by: 'A', event: 'begin', step: 'dismount-store' });
  const p = projectRun(s, T(300));
  // dismount: 600 - 240 left; restore 5400; mount 300; confirm-backup, copy-files, check-disk have no expect.
  assert.equal(p.remaining, 360 + 5400 + 300);
  assert.equal(p.unestimated, 3);
  assert.ok(p.overRto! < 0, 'still inside the objective');
  assert.deepEqual(p.overrunning, []);
  const finished = projectRun(foldRun([...s.events, { at: T(400), by: 'A', event: 'finish' }]), T(99_999));
  assert.equal(finished.elapsed, 400, 'a finished run stops the clock');
  assert.equal(finished.projectedFinish, undefined);
});

test('a real run on a runbook with errors needs a reason; a rehearsal does not', () => {
  assert.equal(startProblem({ errors: 0, rehearsal: false }), undefined);
  assert.equal(startProblem({ errors: 2, rehearsal: true }), undefined);
  assert.match(startProblem({ errors: 1, rehearsal: false })!, /has 1 error\. Start a rehearsal/);
  assert.match(startProblem({ errors: 2, rehearsal: false, reason: '  ' })!, /2 errors/);
  assert.match(startProblem({ errors: 1, rehearsal: false, reason: 'password=hunter2' })!, /looks like a secret/);
  assert.equal(startProblem({ errors: 1, rehearsal: false, reason: 'outage now; rule is a false alarm' }), undefined);
  const e = startEvent(plan, 'x', { now: T0, by: 'A', rehearsal: false, errors: 1, reason: ' outage now ' });
  assert.equal(e.errors, 1);
  assert.equal(e.reason, 'outage now');
});
