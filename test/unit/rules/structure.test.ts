/**
 * Structure rules (core/rules/exchange2000/structure.ts, every runbook): schema, yaml-syntax, actions,
 * step ids, `after:`, inventory names and limits, secrets.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESTORE_SG1,
  assertAt,
  assertNames,
  assertRelated,
  clean,
  edit,
  expectAt,
  only,
  rangeOf,
  runbook,
  silent,
  step,
  textAt,
} from './helpers';

const groups = (n: number) => Array.from({ length: n }, (_, i) => `  - { name: SG${i + 1} }`).join('\n');
const inventoryWithGroups = (n: number) => `name: EXCH01\nstorageGroups:\n${groups(n)}`;

describe('structure fixtures', () => {
  test('the restore fixture is clean', () => clean(runbook({ steps: RESTORE_SG1 })));
});

describe('schema', () => {
  const broken = runbook({ steps: [step('restore-drive', 'backup.restore-drive', 'drive: 5')] });
  test('a parameter of the wrong type is reported on its value', () => {
    const d = expectAt(broken, 'schema', 'drive: «5»');
    assertNames(d, 'drive');
    assert.doesNotMatch(d.message, /\bmust be\b/);
  });
  test('fixed: the value has the right type', () => {
    silent(edit(broken, 'drive: 5', "drive: 'C:'"), 'schema');
  });
});

describe('yaml-syntax', () => {
  const broken = runbook({ steps: [step('first', 'manual', 'note: 1 }'), step('second', 'manual')] });
  test('a stray closing brace is reported on the brace itself', () => {
    const d = expectAt(broken, 'yaml-syntax', 'note: 1 } «}»');
    assert.match(d.message, /^YAML syntax: /);
  });
  test('fixed: the brace removed', () => {
    silent(edit(broken, 'note: 1 }', 'note: 1'), 'yaml-syntax');
  });

  const duplicate = runbook({
    steps: [step('first', 'manual', undefined, 'title: One', 'title: Two'), step('second', 'manual')],
  });
  test('a duplicate key is reported where the second key starts', () => {
    const d = only(duplicate, 'yaml-syntax');
    assert.deepEqual(d.range.start, rangeOf(duplicate, '«title»: Two').start);
  });
  test('a duplicate key is underlined as a whole', () => {
    expectAt(duplicate, 'yaml-syntax', '«title»: Two');
  });
  test('fixed: one title', () => {
    silent(edit(duplicate, '    title: Two\n', ''), 'yaml-syntax');
  });

  const unterminated = runbook({
    steps: [step('first', 'manual', undefined, 'title: "Unterminated'), step('second', 'manual')],
  });
  test('an unterminated quote is reported inside the step that holds it', () => {
    const d = only(unterminated, 'yaml-syntax');
    const quote = rangeOf(unterminated, 'title: «"»Unterminated');
    assert.equal(
      d.range.start.line,
      quote.start.line,
      `reported on line ${d.range.start.line}: ${JSON.stringify(textAt(unterminated, d.range))}`,
    );
  });
  test('fixed: the quote closed', () => {
    silent(edit(unterminated, '"Unterminated', '"Terminated"'), 'yaml-syntax');
  });
});

describe('unknown-action', () => {
  const broken = runbook({ steps: [step('restore-sg1', 'database.restor')] });
  test('reported on the action value, with the nearest id suggested', () => {
    const d = expectAt(broken, 'unknown-action', 'action: «database.restor»');
    assertNames(d, '`database.restor`', 'Did you mean `database.restore`');
  });
  test('fixed: a catalogue action', () => {
    silent(edit(broken, 'database.restor\n', 'database.restore\n'), 'unknown-action');
  });
  test('no suggestion when nothing is close', () => {
    const d = only(runbook({ steps: [step('x', 'zzzzzzzzzzzzzz')] }), 'unknown-action');
    assert.doesNotMatch(d.message, /Did you mean/);
  });
});

describe('duplicate-step-id', () => {
  const broken = runbook({
    steps: [
      step('dismount-sg1', 'database.dismount', 'storageGroup: SG1'),
      step('dismount-sg1', 'database.mount', 'storageGroup: SG1'),
    ],
  });
  test('reported on the second use, related to the first', () => {
    const d = expectAt(broken, 'duplicate-step-id', 'id: «dismount-sg1»\n    action: database.mount');
    assertNames(d, 'dismount-sg1');
    assertRelated(broken, d, 'id: «dismount-sg1»\n    action: database.dismount');
  });
  test('fixed: distinct ids', () => {
    silent(
      edit(broken, 'id: dismount-sg1\n    action: database.mount', 'id: mount-sg1\n    action: database.mount'),
      'duplicate-step-id',
    );
  });
});

describe('unknown-step-reference', () => {
  const broken = runbook({
    steps: [
      step('dismount-sg1', 'database.dismount', 'storageGroup: SG1'),
      step('mount-sg1', 'database.mount', 'storageGroup: SG1', 'after: [dismount-sg]'),
    ],
  });
  test('reported on the `after:` entry, with the nearest id suggested', () => {
    const d = expectAt(broken, 'unknown-step-reference', 'after: [«dismount-sg»]');
    assertNames(d, 'dismount-sg', 'Did you mean `dismount-sg1`');
  });
  test('fixed: the entry names an existing step', () => {
    silent(edit(broken, '[dismount-sg]', '[dismount-sg1]'), 'unknown-step-reference');
  });
});

describe('dependency-cycle', () => {
  const broken = runbook({
    steps: [
      step('prepare', 'manual', undefined, 'after: [finish]'),
      step('work', 'manual', undefined, 'after: [prepare]'),
      step('finish', 'manual', undefined, 'after: [work]'),
    ],
  });
  test('reported once, on the first step of the cycle, showing the cycle', () => {
    const d = expectAt(broken, 'dependency-cycle', 'id: «prepare»');
    assertNames(d, 'prepare', 'work', 'finish');
  });
  test('relatedInformation points at the other steps of the cycle', () => {
    const d = only(broken, 'dependency-cycle');
    assertRelated(broken, d, 'id: «work»');
    assertRelated(broken, d, 'id: «finish»');
  });
  test('a step waiting for itself is a cycle', () => {
    const self = runbook({ steps: [step('alone', 'manual', undefined, 'after: [alone]')] });
    expectAt(self, 'dependency-cycle', 'id: «alone»');
  });
  test('fixed: the back link removed', () => {
    silent(edit(broken, 'after: [finish]', 'after: []'), 'dependency-cycle');
  });
});

describe('after-points-forward', () => {
  const broken = runbook({
    steps: [
      step('mount-sg1', 'database.mount', 'storageGroup: SG1', 'after: [dismount-sg1]'),
      step('dismount-sg1', 'database.dismount', 'storageGroup: SG1'),
    ],
  });
  test('reported on the entry that names a later step, related to that step', () => {
    const d = expectAt(broken, 'after-points-forward', 'after: [«dismount-sg1»]');
    assertNames(d, 'mount-sg1', 'dismount-sg1');
    assertRelated(broken, d, 'id: «dismount-sg1»');
  });
  test('fixed: the steps in the order `after:` says', () => {
    const fixed = runbook({
      steps: [
        step('dismount-sg1', 'database.dismount', 'storageGroup: SG1'),
        step('mount-sg1', 'database.mount', 'storageGroup: SG1', 'after: [dismount-sg1]'),
      ],
    });
    silent(fixed, 'after-points-forward');
  });
});

describe('unknown-storage-group', () => {
  const broken = runbook({ steps: [step('mount-sg3', 'database.mount', 'storageGroup: SG3')] });
  test('reported on the name, with the inventory names suggested', () => {
    const d = expectAt(broken, 'unknown-storage-group', 'storageGroup: «SG3»');
    assertNames(d, 'SG3', 'Did you mean', 'SG1');
  });
  test('fixed: a storage group of the inventory (case does not matter)', () => {
    silent(edit(broken, 'storageGroup: SG3', 'storageGroup: sg2'), 'unknown-storage-group');
  });
});

describe('unknown-database', () => {
  const broken = runbook({
    steps: [step('mount-mailbox', 'database.mount', 'storageGroup: SG1, databases: [Public Store, Mailbox Stor]')],
  });
  test('reported on the list entry, with the nearest database suggested', () => {
    const d = expectAt(broken, 'unknown-database', 'Public Store, «Mailbox Stor»]');
    assertNames(d, 'Mailbox Stor', 'Did you mean `Mailbox Store`');
  });
  test('a database of another storage group is unknown in this one', () => {
    const other = runbook({
      steps: [step('mount-sales', 'database.mount', 'storageGroup: SG1, databases: [Sales Store]')],
    });
    expectAt(other, 'unknown-database', 'SG1, databases: [«Sales Store»]');
  });
  test('fixed: the database of the inventory', () => {
    silent(edit(broken, 'Mailbox Stor]', 'Mailbox Store]'), 'unknown-database');
  });
});

describe('no-secrets', () => {
  const broken = runbook({ steps: [step('reset-account', 'manual', 'account: svc-exchange, password: Winter2003!')] });
  test('reported on the value, without repeating the secret', () => {
    const d = expectAt(broken, 'no-secrets', 'password: «Winter2003!»');
    assert.ok(!d.message.includes('Winter2003!'), `the message repeats the secret: ${d.message}`);
  });
  test('a token in the header is found too', () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
    const text = edit(runbook({ steps: RESTORE_SG1 }), 'title: Test runbook', `title: Restore with ${token}`);
    expectAt(text, 'no-secrets', `title: «Restore with ${token}»`);
  });
  test('fixed: the password typed at the console, not written', () => {
    const fixed = edit(broken, 'password: Winter2003!', 'passwordEntered: at the console');
    silent(fixed, 'no-secrets');
  });
  test('`passwordParameter: true` is a flag, not a secret', () => {
    silent(
      runbook({ scenario: 'kms-server', steps: [step('start-kms', 'kms.start-service', 'passwordParameter: true')] }),
      'no-secrets',
    );
  });
});

describe('storage-group-limit', () => {
  const broken = runbook({ server: inventoryWithGroups(5), steps: [step('note', 'manual')] });
  test('a fifth storage group is reported on that group', () => {
    const d = expectAt(broken, 'storage-group-limit', '«{ name: SG5 }»');
    assertNames(d, '5', '4');
  });
  test('fixed: four storage groups', () => {
    silent(runbook({ server: inventoryWithGroups(4), steps: [step('note', 'manual')] }), 'storage-group-limit');
  });
});

describe('databases-per-group-limit', () => {
  const inventory = (dbs: string[]) =>
    `name: EXCH01\nstorageGroups:\n  - name: SG1\n    databases: [${dbs.join(', ')}]`;
  const six = ['DB1', 'DB2', 'DB3', 'DB4', 'DB5', 'DB6'];
  const broken = runbook({ server: inventory(six), steps: [step('note', 'manual')] });
  test('a sixth database is reported on that database, naming the group', () => {
    const d = expectAt(broken, 'databases-per-group-limit', 'DB5, «DB6»]');
    assertNames(d, 'SG1', '6', '5');
  });
  test('fixed: five databases', () => {
    silent(
      runbook({ server: inventory(six.slice(0, 5)), steps: [step('note', 'manual')] }),
      'databases-per-group-limit',
    );
  });
});

describe('exact ranges are LSP positions', () => {
  test('line and character are 0-based, the end is exclusive', () => {
    const text = runbook({ steps: [step('x', 'database.restor')] });
    const d = only(text, 'unknown-action');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l === '    action: database.restor');
    assert.deepEqual(d.range, { start: { line, character: 12 }, end: { line, character: 27 } });
    assertAt(text, d, 'action: «database.restor»');
  });
});

describe('unknown-action: did you mean', () => {
  test('a near action is offered alone, never the opposite operation further away', () => {
    const text = runbook({ steps: [step('mount-sales-store', 'database.mont', 'storageGroup: SG1')] });
    const d = only(text, 'unknown-action');
    assertNames(d, 'database.mount');
    assert.ok(!d.message.includes('database.dismount'), d.message);
  });
  test('candidates are ranked by distance, the nearest first', () => {
    const d = only(runbook({ steps: [step('restore', 'database.restor', 'storageGroup: SG1')] }), 'unknown-action');
    assert.match(d.message, /Did you mean `database\.restore`/);
  });
});
