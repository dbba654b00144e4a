import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockers, predecessors, stepsFromStart } from '../../../core/records/gate';
import { decide, nextTimestamp, type RunRequest } from '../../../core/records/commands';
import { foldRun, type RunState } from '../../../core/records/fold';
import type { RunEvent } from '../../../core/records/events';
import { planOf, start, T } from './helpers';

const plan = planOf();
const ids = (state: RunState) => [...state.steps.entries()].map(([id, s]) => `${id}:${s.status}`);

type Ev = { at: string; event: RunEvent['event'] } & Record<string, unknown>;

function run(...events: Ev[]): RunState {
  return foldRun([start(plan), ...events.map((e) => ({ by: 'Alice', ...e }) as RunEvent)]);
}

function attempt(state: RunState, req: RunRequest) {
  return decide({ plan, state, now: T(1000), by: 'Bob' }, req);
}

test('predecessors: earlier steps in order, plus after:, minus the own parallel group', () => {
  assert.deepEqual(predecessors(plan.steps, 'confirm-backup'), []);
  assert.deepEqual(predecessors(plan.steps, 'dismount-store'), ['confirm-backup']);
  // copy-files and check-disk share `parallel: prep`: neither waits for the other.
  assert.deepEqual(predecessors(plan.steps, 'check-disk'), ['confirm-backup', 'dismount-store']);
  assert.deepEqual(predecessors(plan.steps, 'copy-files'), ['confirm-backup', 'dismount-store']);
  assert.deepEqual(predecessors(plan.steps, 'restore-store'), [
    'confirm-backup',
    'dismount-store',
    'copy-files',
    'check-disk',
  ]);
});

test('after: pointing forward also gates', () => {
  const forward = planOf(`runbook: 1
title: t
scenario: backup
server: { name: X }
steps:
  - id: a
    action: manual
    after: [c]
  - id: b
    action: manual
  - id: c
    action: manual
`);
  assert.deepEqual(predecessors(forward.steps, 'a'), ['c']);
});

test('blockers are the predecessors not done and not skipped', () => {
  const state = run(
    { at: T(1), event: 'done', step: 'confirm-backup' },
    { at: T(2), event: 'skip', step: 'dismount-store', reason: 'already offline' },
  );
  assert.deepEqual(blockers(plan.steps, state, 'copy-files'), []);
  assert.deepEqual(blockers(plan.steps, state, 'mount-store'), ['copy-files', 'check-disk', 'restore-store']);
});

test('ticking out of order is refused without an override, and records the override with one', () => {
  const state = run();
  const refused = attempt(state, { kind: 'tick', step: 'dismount-store' });
  assert.equal(refused.refusal?.code, 'gate');
  assert.deepEqual(refused.refusal?.blockers, ['confirm-backup']);
  assert.match(refused.refusal!.message, /'confirm-backup'/);
  const allowed = attempt(state, { kind: 'tick', step: 'dismount-store', override: '  backup confirmed by phone ' });
  assert.deepEqual(allowed.event, {
    at: T(1000),
    by: 'Bob',
    event: 'done',
    step: 'dismount-store',
    note: undefined,
    evidence: undefined,
    override: 'backup confirmed by phone',
  });
});

test('an override is not recorded when nothing was overridden', () => {
  const d = attempt(run(), { kind: 'tick', step: 'confirm-backup', override: 'because' });
  assert.equal(d.event?.event, 'done');
  assert.equal((d.event as { override?: string }).override, undefined);
});

test('state refusals: tick twice, undo a pending step, skip without reason, unknown step', () => {
  const state = run({ at: T(1), event: 'done', step: 'confirm-backup' });
  assert.equal(attempt(state, { kind: 'tick', step: 'confirm-backup' }).refusal?.code, 'state');
  assert.match(
    attempt(state, { kind: 'tick', step: 'confirm-backup' }).refusal!.message,
    /already done by Alice at 2026-11-25T09:00:01.000Z/,
  );
  assert.equal(attempt(state, { kind: 'undo', step: 'dismount-store' }).refusal?.code, 'state');
  assert.equal(attempt(state, { kind: 'skip', step: 'dismount-store', reason: ' ' }).refusal?.code, 'invalid');
  assert.equal(attempt(state, { kind: 'tick', step: 'no-such-step' }).refusal?.code, 'unknown-step');
  assert.equal(attempt(state, { kind: 'undo', step: 'confirm-backup' }).event?.event, 'undo');
});

test('a finished run is read-only until reopened', () => {
  const state = run({ at: T(1), event: 'finish' });
  assert.equal(attempt(state, { kind: 'tick', step: 'confirm-backup' }).refusal?.code, 'finished');
  assert.equal(attempt(state, { kind: 'note', note: 'x' }).refusal?.code, 'finished');
  assert.equal(attempt(state, { kind: 'finish' }).refusal?.code, 'finished');
  const reopen = attempt(state, { kind: 'reopen', reason: 'missed one' });
  assert.equal(reopen.event?.event, 'reopen');
  assert.equal(attempt(run(), { kind: 'reopen' }).refusal?.code, 'not-finished');
});

test('without the runbook, the order kept in the start event gates', () => {
  const state = run();
  const d = decide({ state, now: T(1000), by: 'Bob' }, { kind: 'tick', step: 'dismount-store' });
  assert.equal(d.refusal?.code, 'gate');
  assert.deepEqual(
    stepsFromStart(state).map((s) => s.id),
    plan.steps.map((s) => s.id),
  );
});

test('a writer whose clock is behind the last event still writes after it', () => {
  assert.equal(nextTimestamp(T(5), T(10)), '2026-11-25T09:00:10.001Z');
  assert.equal(nextTimestamp(T(20), T(10)), T(20));
  const state = run({ at: T(2000), event: 'done', step: 'confirm-backup' });
  const undo = attempt(state, { kind: 'undo', step: 'confirm-backup' });
  assert.equal(undo.event?.at, '2026-11-25T09:33:20.001Z');
  assert.deepEqual(ids(foldRun([...state.events, undo.event!])), ['confirm-backup:pending']);
});

test('allBlockers names the same blockers as blockers() per step, the first ten, and counts them all', async () => {
  const { allBlockers, BLOCKERS_NAMED } = await import('../../../core/records/gate');
  let seed = 7;
  const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  for (let round = 0; round < 200; round++) {
    const n = 1 + Math.floor(rnd() * 30);
    const steps = Array.from({ length: n }, (_, i) => ({
      id: rnd() < 0.1 ? undefined : `s${Math.floor(rnd() < 0.05 ? rnd() * i : i)}`,
      parallel: rnd() < 0.3 ? `g${Math.floor(rnd() * 3)}` : undefined,
      after: rnd() < 0.3 ? [`s${Math.floor(rnd() * (n + 2))}`] : [],
    }));
    const events = steps
      .filter((s) => s.id && rnd() < 0.4)
      .map((s, k) => ({ at: T(k + 1), by: 'Alice', event: rnd() < 0.8 ? 'done' : 'skip', step: s.id, reason: 'r' }));
    const state = foldRun([start(plan), ...(events as RunEvent[])]);
    const all = allBlockers(steps, state);
    steps.forEach((s, i) => {
      if (!s.id || steps.findIndex((x) => x.id === s.id) !== i) return;
      // Steps sharing an id with one of another group are left out: predecessors() looks at each copy.
      if (steps.some((x, j) => j !== i && x.id && steps.filter((y) => y.id === x.id).length > 1)) return;
      const expected = blockers(steps, state, s.id);
      assert.deepEqual(all.get(s.id), { first: expected.slice(0, BLOCKERS_NAMED), total: expected.length });
    });
  }
});
