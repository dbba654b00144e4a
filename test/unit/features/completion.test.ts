/** Completion: keys, values from the catalogue and the inventory, on valid and half-typed runbooks. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, InsertTextMode } from 'vscode-languageserver-types';
import { EXCHANGE_COMPONENTS, PREREQ_ITEMS } from '../../../core/model/catalogue/enums';
import { ACTIONS } from '../../../core/model/catalogue/actions';
import { complete, docOf, editRange, item, labels, newText, rangeOf, runbook } from './helpers';

const STEPS = `  - id: check-store
    action: store.verify-running
  - id: dismount
    action: database.dismount
    with:
      storageGroup: First Storage Group
`;

describe('top-level keys', () => {
  test('only the keys not yet present, in the format order, with docs', () => {
    const { list } = complete('runbook: 1\ntitle: T\n|');
    assert.deepEqual(labels(list), ['description', 'rto', 'scenario', 'server', 'steps']);
    assert.equal(docOf(item(list, 'scenario')), 'Which recovery this runbook performs.');
    assert.equal(item(list, 'scenario').kind, CompletionItemKind.Property);
  });
  test('a key that comes later in the file counts as present', () => {
    const { list } = complete('runbook: 1\n|\nsteps:\n  - id: a\n    action: manual\n');
    assert.deepEqual(labels(list), ['title', 'description', 'rto', 'scenario', 'server']);
  });
  test('a scalar key inserts `key: `; a mapping opens an indented line; a list opens an item', () => {
    const { list } = complete('runbook: 1\n|');
    assert.equal(newText(item(list, 'scenario')), 'scenario: ');
    assert.deepEqual(
      item(list, 'scenario').command?.command,
      'editor.action.triggerSuggest',
      'the scenario list opens right away',
    );
    assert.equal(newText(item(list, 'server')), 'server:\n  ');
    assert.equal(item(list, 'server').insertTextMode, InsertTextMode.asIs);
    assert.equal(newText(item(list, 'steps')), 'steps:\n  - ');
  });
  test('server keys under `server:` (not yet present), and the cluster keys under `cluster:`', () => {
    const { list } = complete('runbook: 1\nserver:\n  name: X\n  |\n');
    assert.ok(!labels(list).includes('name'));
    assert.ok(labels(list).includes('storageGroups') && labels(list).includes('domainController'));
    const cluster = complete('runbook: 1\nserver:\n  cluster:\n    |\n').list;
    assert.deepEqual(labels(cluster), ['name', 'nodes']);
  });
});

describe('step keys', () => {
  test('after `  - ` every step key, with docs', () => {
    const { list } = complete(runbook(`${STEPS}  - |`));
    assert.deepEqual(labels(list), [
      'id',
      'action',
      'title',
      'with',
      'after',
      'parallel',
      'notes',
      'expect',
      'signoff',
      'evidence',
    ]);
    assert.equal(docOf(item(list, 'after')), 'Step ids that must be done before this one.');
    assert.equal(newText(item(list, 'id')), 'id: ');
    assert.equal(newText(item(list, 'with')), 'with:\n      ');
  });
  test('keys already in the step, above or below the cursor, are left out', () => {
    const { list } = complete(runbook(`${STEPS}  - id: x\n    |\n    action: manual\n`));
    assert.deepEqual(labels(list), ['title', 'with', 'after', 'parallel', 'notes', 'expect', 'signoff', 'evidence']);
  });
  test('a half-typed key is replaced as a whole', () => {
    const { text, list } = complete(runbook(`${STEPS}  - id: x\n    ac|\n`));
    assert.deepEqual(editRange(item(list, 'action')), rangeOf(text, '  - id: x\n    «ac»\n'));
    assert.equal(newText(item(list, 'action')), 'action: ');
  });
  test('on an existing key only the key is replaced, not its value', () => {
    const { list } = complete(runbook(`${STEPS}  - id: x\n    acti|on: manual\n`));
    assert.equal(newText(item(list, 'action')), 'action');
  });
});

describe('action values', () => {
  test('every catalogue action, with its summary as detail and its doc as documentation', () => {
    const { text, list } = complete(runbook(`${STEPS}  - id: x\n    action: data|\n`));
    assert.deepEqual(
      labels(list),
      ACTIONS.map((a) => a.id),
    );
    const restore = item(list, 'database.restore');
    assert.equal(restore.kind, CompletionItemKind.Function);
    assert.equal(restore.detail, 'Restore databases from backup');
    assert.match(docOf(restore), /^Restores databases of one storage group/);
    assert.deepEqual(editRange(restore), rangeOf(text, '  - id: x\n    action: «data»\n'));
  });
  test('right after the colon, the value starts with a space', () => {
    const { list } = complete(runbook(`${STEPS}  - id: x\n    action:|\n`));
    assert.equal(newText(item(list, 'manual')), ' manual');
  });
});

describe('with: parameters', () => {
  test('the parameters of the step action, not yet used, with docs', () => {
    const { list } = complete(
      runbook(`${STEPS}  - id: x\n    action: database.restore\n    with:\n      storageGroup: SG2\n      |\n`),
    );
    assert.deepEqual(labels(list), [
      'databases',
      'backupSet',
      'lastRestoreSet',
      'tempLogPath',
      'targetServer',
      'files',
      'ntbackupVersion',
    ]);
    assert.match(docOf(item(list, 'tempLogPath')), /Temporary folder for restored logs/);
    assert.equal(newText(item(list, 'backupSet')), 'backupSet: ');
    assert.equal(item(list, 'backupSet').command?.command, 'editor.action.triggerSuggest');
    assert.equal(item(list, 'tempLogPath').command, undefined, 'a free text value has nothing to suggest');
    assert.equal(newText(item(list, 'databases')), 'databases: [$1]$0');
    assert.equal(item(list, 'databases').insertTextFormat, InsertTextFormat.Snippet);
  });
  test('the action written below `with:` counts too', () => {
    const { list } = complete(runbook(`${STEPS}  - id: x\n    with:\n      |\n    action: srs.start-service\n`));
    assert.deepEqual(labels(list), ['startupType']);
  });
  test('a half-typed parameter on a line YAML rejects still completes', () => {
    const { text, list } = complete(
      runbook(
        `${STEPS}  - id: x\n    action: database.restore\n    with:\n      storageGroup: SG2\n      data|\n  - id: y\n    action: manual\n`,
      ),
    );
    assert.deepEqual(editRange(item(list, 'databases')), rangeOf(text, '      «data»\n'));
  });
  test('inside a flow mapping `with: { ... }`', () => {
    const { list } = complete(
      runbook(`${STEPS}  - id: x\n    action: disk.check-capacity\n    with: { drive: 'E:', | }\n`),
    );
    assert.deepEqual(labels(list), ['freePercent']);
    assert.equal(newText(item(list, 'freePercent')), 'freePercent: ');
  });
  test('manual takes any parameter, so none is offered', () => {
    const { list } = complete(runbook(`${STEPS}  - id: x\n    action: manual\n    with:\n      |\n`));
    assert.deepEqual(labels(list), []);
  });
});

describe('enum and boolean values', () => {
  const value = (action: string, line: string) =>
    labels(complete(runbook(`${STEPS}  - id: x\n    action: ${action}\n    with:\n      ${line}\n`)).list);
  test('backupSet, mode, type, startupType, expect, item, reason', () => {
    assert.deepEqual(value('database.restore', 'backupSet: |'), ['full', 'incremental', 'differential', 'copy']);
    assert.deepEqual(value('backup.run', 'mode: |'), ['online', 'offline']);
    assert.deepEqual(value('backup.run', 'type: |'), ['full', 'copy', 'incremental', 'differential']);
    assert.deepEqual(value('srs.start-service', 'startupType: |'), ['automatic', 'manual']);
    assert.deepEqual(value('cluster.verify-owners', 'expect: |'), ['absent', 'present']);
    assert.deepEqual(value('prereq.confirm', 'item: |'), [...PREREQ_ITEMS]);
    assert.deepEqual(value('mailbox.restore-from-backup', 'reason: |'), ['deleted', 'damaged']);
  });
  test('components: the members not yet listed, inside a flow list', () => {
    const got = value('exchange.setup-disaster-recovery', 'components: [messaging-and-collaboration, |]');
    assert.deepEqual(
      got,
      EXCHANGE_COMPONENTS.filter((c) => c !== 'messaging-and-collaboration'),
    );
  });
  test('booleans; a parameter that must be true offers only true', () => {
    assert.deepEqual(value('database.restore', 'lastRestoreSet: |'), ['true', 'false']);
    assert.deepEqual(value('kms.start-service', 'passwordParameter: |'), ['true']);
    assert.deepEqual(labels(complete('runbook: 1\nserver:\n  domainController: |\n').list), ['true', 'false']);
  });
  test('item in a flow mapping, inside quotes: the quotes stay, only the inside is replaced', () => {
    const { text, list } = complete(
      runbook(`${STEPS}  - id: x\n    action: database.restore\n    with: { backupSet: 'fu|' }\n`),
    );
    assert.equal(newText(item(list, 'full')), 'full');
    assert.deepEqual(editRange(item(list, 'full')), rangeOf(text, "backupSet: '«fu»' }"));
  });
  test('scenario ids with their docs; the format version', () => {
    const { list } = complete('runbook: 1\nscenario: |\n');
    assert.deepEqual(labels(list), [
      'backup',
      'database-restore',
      'mailbox-restore',
      'member-server',
      'srs-server',
      'kms-server',
      'cluster-node',
      'cluster-quorum',
    ]);
    assert.equal(docOf(item(list, 'cluster-quorum')), 'Recover a cluster whose quorum disk was lost.');
    assert.deepEqual(labels(complete('runbook: |\n').list), ['1']);
  });
});

describe('after: step ids', () => {
  const fixture = (after: string) =>
    runbook(`  - id: first
    action: manual
  - id: second
    action: manual
    title: The second step
  - id: current
    action: manual
${after}
  - id: later
    action: manual
`);
  test('the other steps, earlier ones first (nearest first), then later ones', () => {
    const { list } = complete(fixture('    after: [|]'));
    assert.deepEqual(labels(list), ['second', 'first', 'later']);
    assert.equal(item(list, 'second').kind, CompletionItemKind.Reference);
    assert.equal(item(list, 'second').detail, 'manual · step 2');
    assert.equal(docOf(item(list, 'second')), 'The second step');
    assert.match(item(list, 'later').detail!, /written later/);
  });
  test('ids already listed are left out, in flow and block form', () => {
    assert.deepEqual(labels(complete(fixture('    after: [first, |]')).list), ['second', 'later']);
    assert.deepEqual(labels(complete(fixture('    after:\n      - second\n      - |')).list), ['first', 'later']);
  });
  test('an unclosed flow list while typing', () => {
    const { list } = complete(fixture('    after: [first, sec|'));
    assert.deepEqual(labels(list), ['second', 'later']);
  });
  test('`after: ` with no list yet inserts a one-item list', () => {
    const { list } = complete(fixture('    after: |'));
    assert.equal(newText(item(list, 'second')), '[second]');
  });
});

describe('inventory names', () => {
  const param = (action: string, line: string) =>
    complete(runbook(`${STEPS}  - id: x\n    action: ${action}\n    with:\n${line}\n`)).list;
  test('storageGroup: the storage groups of server.storageGroups', () => {
    const list = param('database.mount', '      storageGroup: |');
    assert.deepEqual(labels(list), ['First Storage Group', 'SG2']);
    assert.equal(
      newText(item(list, 'First Storage Group')),
      'First Storage Group',
      'spaces need no quotes in block style',
    );
  });
  test('databases: only those of the step storage group, block form', () => {
    assert.deepEqual(labels(param('database.mount', '      storageGroup: SG2\n      databases:\n        - |')), [
      'Archive',
    ]);
  });
  test('databases: in a flow list, a name with a comma is quoted', () => {
    const list = param('database.mount', '      storageGroup: First Storage Group\n      databases: [|]');
    assert.deepEqual(labels(list), ['Mailbox Store', 'Sales, West']);
    assert.equal(newText(item(list, 'Sales, West')), "'Sales, West'");
  });
  test('databases: the storage group named earlier in the same flow mapping', () => {
    const list = complete(
      runbook(`${STEPS}  - id: x\n    action: database.mount\n    with: { storageGroup: SG2, databases: [|] }\n`),
    ).list;
    assert.deepEqual(labels(list), ['Archive']);
  });
  test('node:, to: and nodes: offer the cluster nodes', () => {
    assert.deepEqual(labels(param('cluster.evict-node', '      node: |')), ['NODE1', 'NODE2']);
    assert.deepEqual(labels(param('cluster.move-resources', '      to: |')), ['NODE1', 'NODE2']);
    const nodes = param('cluster.stop-service', '      nodes: |');
    assert.deepEqual(labels(nodes), ['all', 'NODE1', 'NODE2']);
    assert.equal(newText(item(nodes, 'NODE1')), '[NODE1]');
    assert.deepEqual(labels(param('cluster.stop-service', '      nodes: [NODE1, |]')), ['NODE2']);
  });
});

describe('scenario snippets', () => {
  const snippets = [
    { prefix: 'member-server', body: ['runbook: 1', 'title: ${1:Rebuild}'], description: 'Rebuild a member server' },
    { prefix: 'backup', body: 'runbook: 1\nscenario: backup', description: 'Back up' },
  ];
  test('an empty file offers them first, as snippets', () => {
    const { list } = complete('|', { snippets });
    const member = item(list, 'member-server');
    assert.equal(member.kind, CompletionItemKind.Snippet);
    assert.equal(member.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(newText(member), 'runbook: 1\ntitle: ${1:Rebuild}');
    assert.equal(member.detail, 'Rebuild a member server');
    const sorted = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 2), ['member-server', 'backup']);
  });
  test('a file with only comments is empty too', () => {
    assert.ok(labels(complete('# notes\n|', { snippets }).list).includes('backup'));
  });
  test('a file holding only the word being typed offers them; a file with keys does not (they would be duplicated)', () => {
    assert.ok(labels(complete('memb|', { snippets }).list).includes('member-server'));
    const { list } = complete('runbook: 1\n|\n', { snippets });
    assert.ok(!labels(list).includes('member-server') && labels(list).includes('title'));
  });
  test('never inside a step, and not without snippets from the host', () => {
    assert.ok(!labels(complete(runbook(`${STEPS}  - |`), { snippets }).list).includes('backup'));
    assert.deepEqual(labels(complete('|').list), [
      'runbook',
      'title',
      'description',
      'rto',
      'scenario',
      'server',
      'steps',
    ]);
  });
});

describe('broken documents', () => {
  test('a syntax error in another step does not stop completion', () => {
    const { list } = complete(
      runbook(
        `  - id: broken\n    action: manual\n    with: { a: 1 }}\n  - id: x\n    action: database.restore\n    with:\n      backupSet: |\n`,
      ),
    );
    assert.deepEqual(labels(list), ['full', 'incremental', 'differential', 'copy']);
  });
  test('in a comment or past a value there is nothing to offer', () => {
    assert.deepEqual(labels(complete(runbook(`${STEPS}  # a note |\n`)).list), []);
    assert.deepEqual(labels(complete(runbook(`${STEPS}  - id: x\n    action: manual # why |\n`)).list), []);
  });
});
