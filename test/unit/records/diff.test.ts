import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeChanges, diffSteps } from '../../../core/records/diff';
import type { StartEvent } from '../../../core/records/events';
import { planOf, RUNBOOK, start } from './helpers';

const started = start() as StartEvent;

test('an unchanged runbook has no changes', () => {
  const c = diffSteps(started, planOf());
  assert.deepEqual(c, { textChanged: false, changed: [], added: [], removed: [], moved: [] });
  assert.equal(describeChanges(c), undefined);
});

test('comments and formatting change the text but no step', () => {
  const text = RUNBOOK.replace(
    '    with: { item: exchange-database-backup }',
    '    # the tape\n    with:\n      item: "exchange-database-backup"',
  );
  const c = diffSteps(started, planOf(text));
  assert.equal(c.textChanged, true);
  assert.deepEqual([c.changed, c.added, c.removed, c.moved], [[], [], [], []]);
  assert.match(describeChanges(c)!, /no step changed/);
});

test('a changed, an added, a removed and a moved step are each named', () => {
  let text = RUNBOOK.replace('title: Dismount the mailbox store', 'title: Dismount the store (all of it)');
  text = text.replace(
    '  - id: mount-store\n    action: database.mount\n',
    '  - id: verify-mounted\n    action: database.verify-mounted\n',
  );
  // Move check-disk before copy-files.
  text = text.replace(
    '  - id: copy-files\n    action: database.copy-existing\n    parallel: prep\n  - id: check-disk\n    action: disk.check-capacity\n    parallel: prep\n',
    '  - id: check-disk\n    action: disk.check-capacity\n    parallel: prep\n  - id: copy-files\n    action: database.copy-existing\n    parallel: prep\n',
  );
  const c = diffSteps(started, planOf(text));
  assert.deepEqual(c.changed, ['dismount-store']);
  assert.deepEqual(c.added, ['verify-mounted']);
  assert.deepEqual(c.removed, ['mount-store']);
  assert.equal(c.moved.length, 1);
  assert.ok(['check-disk', 'copy-files'].includes(c.moved[0]));
  assert.match(
    describeChanges(c)!,
    /changed: dismount-store; added: verify-mounted; removed: mount-store; moved: (check-disk|copy-files)/,
  );
});

test('the start event keeps a digest per step, in order', () => {
  assert.deepEqual(
    started.steps.map(([id]) => id),
    ['confirm-backup', 'dismount-store', 'copy-files', 'check-disk', 'restore-store', 'mount-store'],
  );
  for (const [, d] of started.steps) assert.match(d, /^[0-9a-f]{16}$/);
  assert.match(started.sha256, /^[0-9a-f]{64}$/);
});
