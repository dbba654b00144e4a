/** The checklist model follows runbook edits (steps added, removed, reordered) keeping state by step id. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../../client/src/checklist/model';
import { foldRun } from '../../../core/records/fold';
import { parseRecord } from '../../../core/records/parse';
import type { RunEvent } from '../../../core/records/events';
import { planOf, RUNBOOK, start, T } from './helpers';

const events: RunEvent[] = [
  start(),
  { at: T(1), by: 'Alice', event: 'done', step: 'confirm-backup' },
  { at: T(2), by: 'Bob', event: 'skip', step: 'dismount-store', reason: 'offline already' },
  { at: T(3), by: 'Alice', event: 'done', step: 'mount-store', override: 'test' },
];

function model(text: string, opts: { trusted?: boolean; finished?: boolean } = {}) {
  const all = opts.finished ? [...events, { at: T(9), by: 'Alice', event: 'finish' } as RunEvent] : events;
  return buildModel({
    runbookUri: 'file:///w/db/restore.runbook.yaml',
    runbookPath: 'db/restore.runbook.yaml',
    plan: planOf(text),
    errorCount: 0,
    trusted: opts.trusted ?? true,
    runs: [],
    record: { id: 'r', path: 'db/runs/r.runbook-run', state: foldRun(all), problems: [] },
  });
}

const MOVED = RUNBOOK
  // mount-store removed …
  .replace('  - id: mount-store\n    action: database.mount\n', '')
  // … a new step at the top, and confirm-backup moved after dismount-store.
  .replace(
    'steps:\n  - id: confirm-backup\n    action: prereq.confirm\n    with: { item: exchange-database-backup }\n',
    'steps:\n  - id: warn-users\n    action: manual\n',
  )
  .replace(
    '    notes: Tell the help desk first.\n',
    '    notes: Tell the help desk first.\n  - id: confirm-backup\n    action: prereq.confirm\n    with: { item: exchange-database-backup }\n',
  );

test('state follows the step ids through an edit; changes are flagged and named', () => {
  const before = model(RUNBOOK);
  assert.deepEqual(
    before.steps.map((s) => `${s.id}:${s.status}`),
    [
      'confirm-backup:done',
      'dismount-store:skipped',
      'copy-files:pending',
      'check-disk:pending',
      'restore-store:pending',
      'mount-store:done',
    ],
  );
  assert.equal(before.run?.done, 2);
  const after = model(MOVED);
  assert.deepEqual(
    after.steps.map((s) => `${s.id}:${s.status}${s.change ? `:${s.change}` : ''}`),
    [
      'warn-users:pending:added',
      'dismount-store:skipped',
      'confirm-backup:done:moved',
      'copy-files:pending',
      'check-disk:pending',
      'restore-store:pending',
    ],
  );
  assert.deepEqual(after.removed, [{ id: 'mount-store', status: 'done', at: T(3), by: 'Alice' }]);
  assert.deepEqual(
    { done: after.run?.done, skipped: after.run?.skipped, total: after.run?.total },
    { done: 1, skipped: 1, total: 6 },
  );
  assert.ok(
    after.banners.some(
      (b) => b.kind === 'warning' && /added: warn-users; removed: mount-store; moved: confirm-backup/.test(b.text),
    ),
  );
  assert.deepEqual(after.steps.find((s) => s.id === 'dismount-store')?.blockedBy, ['warn-users']);
  assert.equal(after.readOnly, undefined);
});

test('untrusted and finished runs are read-only with the reason', () => {
  assert.match(model(RUNBOOK, { trusted: false }).readOnly ?? '', /not trusted/);
  assert.equal(model(RUNBOOK, { trusted: false }).canStart, false);
  const finished = model(RUNBOOK, { finished: true });
  assert.match(finished.readOnly ?? '', /finished by Alice .* until it is reopened/);
  assert.equal(finished.canReopen, true);
});

test('begin and signoff events: a start time per step, and a sign-off only from a second operator', () => {
  const lines = [
    '{"at":"2026-11-25T09:00:00.000Z","by":"Alice","event":"start","format":1,"runbook":"r.runbook.yaml","sha256":"00","rehearsal":true,"signoff":["a"],"steps":[["a","x"]]}',
    '{"at":"2026-11-25T09:01:00.000Z","by":"Alice","event":"begin","step":"a"}',
    '{"at":"2026-11-25T09:05:00.000Z","by":"Alice","event":"done","step":"a"}',
    '{"at":"2026-11-25T09:06:00.000Z","by":"Alice","event":"signoff","step":"a"}',
    '{"at":"2026-11-25T09:07:00.000Z","by":"Bob","event":"signoff","step":"a"}',
  ].join('\n');
  const parsed = parseRecord(lines + '\n');
  assert.deepEqual(parsed.problems, []);
  const a = foldRun(parsed.events).steps.get('a')!;
  assert.equal(a.startedAt, '2026-11-25T09:01:00.000Z');
  assert.deepEqual(a.signedOff, { at: '2026-11-25T09:07:00.000Z', by: 'Bob' });
});
