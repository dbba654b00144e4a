/** Clusters: replacing a node (cluster-node) and recovering the quorum (cluster-quorum). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLUSTER_INVENTORY,
  assertNames,
  assertAt,
  assertRelated,
  clean,
  diagnosticsOf,
  edit,
  expectAt,
  expectOnStep,
  expectOnStepAmong,
  moveAfter,
  moveBefore,
  insertBefore,
  replaceStep,
  runbook,
  silent,
  step,
  without,
} from './helpers';

/** Replace the lost NODE2 with a new NODE3. */
const NODE = [
  step('evict-node2', 'cluster.evict-node', 'node: NODE2'),
  step('check-node2-gone', 'cluster.verify-owners', 'node: NODE2, expect: absent'),
  step('detach-node2', 'cluster.detach-node', 'node: NODE2'),
  step('build-node3', 'cluster.build-node', 'node: NODE3, domain: corp.example.com'),
  step('join-node3', 'cluster.join-node', 'node: NODE3'),
  step('install-exchange-node3', 'exchange.install', 'node: NODE3, installPath: D:\\Program Files\\Exchsrvr'),
  step('check-node3-owner', 'cluster.verify-owners', 'node: NODE3, expect: present'),
  step('move-to-node3', 'cluster.move-resources', 'to: NODE3'),
];

/** Recover the cluster after the quorum disk was lost. */
const QUORUM = [
  step('confirm-quorum-backup', 'prereq.confirm', 'item: quorum-backup'),
  step('restore-signature', 'cluster.restore-disk-signature'),
  step('stop-cluster', 'cluster.stop-service', 'nodes: all'),
  step('restore-system-state', 'backup.restore-system-state', 'includesQuorum: true'),
  step('restore-quorum', 'cluster.restore-quorum'),
  step('restart-node1', 'server.restart'),
  step('start-cluster', 'cluster.start-service'),
  step('check-shared-disk', 'cluster.verify-shared-disk'),
  step('hold-sg1', 'database.set-do-not-mount', 'storageGroup: SG1'),
  step('start-resources', 'cluster.start-exchange-resources'),
  step('check-store', 'store.verify-running'),
  step('check-room', 'disk.check-capacity', "drive: 'F:', freePercent: 50"),
  step(
    'restore-sg1',
    'database.restore',
    'storageGroup: SG1, backupSet: full, lastRestoreSet: true, tempLogPath: F:\\restore-temp',
  ),
  step('mount-sg1', 'database.mount', 'storageGroup: SG1'),
  step('verify-sg1', 'database.verify-mounted', 'storageGroup: SG1'),
  step('release-sg1', 'database.clear-do-not-mount', 'storageGroup: SG1'),
];

const node = (steps: string[]) => runbook({ scenario: 'cluster-node', server: CLUSTER_INVENTORY, steps });
const quorum = (steps: string[]) => runbook({ scenario: 'cluster-quorum', server: CLUSTER_INVENTORY, steps });

describe('cluster fixtures', () => {
  test('the cluster-node fixture is clean', () => clean(node(NODE)));
  test('the cluster-quorum fixture is clean', () => clean(quorum(QUORUM)));
});

describe('evict-first', () => {
  test('the replacement built before the eviction: reported on the build, related to the eviction', () => {
    // Moving the eviction down also leaves the physical removal before it: that is reported too.
    const text = node(moveAfter(NODE, 'evict-node2', 'build-node3'));
    expectOnStepAmong(text, 'evict-first', 'build-node3', 'evict-node2');
    expectOnStepAmong(text, 'evict-first', 'detach-node2', 'evict-node2');
  });
  test('no eviction at all: reported on the first build or join and on the physical removal', () => {
    const text = node(without(NODE, 'evict-node2', 'check-node2-gone'));
    const d = diagnosticsOf(text, 'evict-first').find((x) => x.message.includes('build-node3'));
    assert.ok(d, 'reported on the build');
    assertAt(text, d, 'id: «build-node3»');
    assertNames(d, 'build-node3', 'cluster.evict-node');
    assert.equal(diagnosticsOf(text, 'evict-first').length, 2);
  });
  test('loophole closed: the node physically removed before it is evicted', () => {
    const text = node(moveBefore(NODE, 'detach-node2', 'evict-node2'));
    expectOnStepAmong(text, 'evict-first', 'detach-node2', 'evict-node2');
  });
  test('fixed: evict first', () => silent(node(NODE), 'evict-first'));
});

describe('verify-owners-after-evict', () => {
  test('no owner check after the eviction: reported on the eviction', () => {
    const d = expectAt(node(without(NODE, 'check-node2-gone')), 'verify-owners-after-evict', 'id: «evict-node2»');
    assertNames(d, 'evict-node2', 'NODE2');
  });
  test('the check before the eviction: reported on the check, related to the eviction', () => {
    const text = node(moveBefore(NODE, 'check-node2-gone', 'evict-node2'));
    expectOnStep(text, 'verify-owners-after-evict', 'check-node2-gone', 'evict-node2');
  });
  test('a check of another node does not count', () => {
    const other = step('check-node1-gone', 'cluster.verify-owners', 'node: NODE1, expect: absent');
    expectAt(node(replaceStep(NODE, 'check-node2-gone', other)), 'verify-owners-after-evict', 'id: «evict-node2»');
  });
  test('a check expecting the node present does not count', () => {
    const present = step('check-node2-present', 'cluster.verify-owners', 'node: NODE2, expect: present');
    expectAt(node(replaceStep(NODE, 'check-node2-gone', present)), 'verify-owners-after-evict', 'id: «evict-node2»');
  });
  test('fixed: expect absent after the eviction', () => silent(node(NODE), 'verify-owners-after-evict'));
});

describe('join-before-exchange-install', () => {
  test('Exchange installed before the node joins: reported on the install, related to the join', () => {
    const text = node(moveAfter(NODE, 'join-node3', 'install-exchange-node3'));
    const d = expectOnStep(text, 'join-before-exchange-install', 'install-exchange-node3', 'join-node3');
    assertNames(d, 'NODE3');
  });
  test('no join of that node: reported on the install', () => {
    const text = node(replaceStep(NODE, 'join-node3', step('join-node1', 'cluster.join-node', 'node: NODE1')));
    const d = expectAt(text, 'join-before-exchange-install', 'id: «install-exchange-node3»');
    assertNames(d, 'install-exchange-node3', 'NODE3');
  });
  test('fixed: join, then install', () => silent(node(NODE), 'join-before-exchange-install'));
});

describe('exchange-before-move', () => {
  test('resources moved before Exchange is installed on the node: reported on the move, related to the install', () => {
    const text = node(moveAfter(NODE, 'install-exchange-node3', 'move-to-node3'));
    const d = expectOnStep(text, 'exchange-before-move', 'move-to-node3', 'install-exchange-node3');
    assertNames(d, 'NODE3');
  });
  test('no Exchange install on that node: reported on the move', () => {
    const d = expectAt(node(without(NODE, 'install-exchange-node3')), 'exchange-before-move', 'id: «move-to-node3»');
    assertNames(d, 'move-to-node3', 'NODE3', 'exchange.install');
  });
  test('fixed: install, then move', () => silent(node(NODE), 'exchange-before-move'));
});

describe('verify-owners-before-move', () => {
  test('no owner check for the new node: reported on the move', () => {
    const d = expectAt(node(without(NODE, 'check-node3-owner')), 'verify-owners-before-move', 'id: «move-to-node3»');
    assertNames(d, 'move-to-node3', 'NODE3');
  });
  test('the check after the move: related to it', () => {
    const text = node(moveAfter(NODE, 'check-node3-owner', 'move-to-node3'));
    expectOnStep(text, 'verify-owners-before-move', 'move-to-node3', 'check-node3-owner');
  });
  test('fixed: the node is checked as a possible owner first', () => silent(node(NODE), 'verify-owners-before-move'));
});

describe('disk-signature-first', () => {
  test('the quorum restored before the disk signature: reported on the quorum restore, related to the signature', () => {
    const text = quorum(moveAfter(QUORUM, 'restore-signature', 'restore-quorum'));
    expectOnStepAmong(text, 'disk-signature-first', 'restore-quorum', 'restore-signature');
  });
  test('loophole closed: the signature after the System State restore (the article puts it first)', () => {
    const text = quorum(moveAfter(QUORUM, 'restore-signature', 'restore-system-state'));
    expectOnStep(text, 'disk-signature-first', 'restore-system-state', 'restore-signature');
  });
  test('fixed: signature first', () => silent(quorum(QUORUM), 'disk-signature-first'));
  test('no signature step is fine', () => silent(quorum(without(QUORUM, 'restore-signature')), 'disk-signature-first'));
});

describe('stop-cluster-before-system-state', () => {
  test('no cluster stop: reported on the System State restore', () => {
    const d = expectAt(
      quorum(without(QUORUM, 'stop-cluster')),
      'stop-cluster-before-system-state',
      'id: «restore-system-state»',
    );
    assertNames(d, 'restore-system-state', 'cluster.stop-service');
  });
  test('the stop after the System State restore: related to it', () => {
    const text = quorum(moveAfter(QUORUM, 'stop-cluster', 'restore-system-state'));
    expectOnStep(text, 'stop-cluster-before-system-state', 'restore-system-state', 'stop-cluster');
  });
  test('a stop on one node only: reported', () => {
    const text = edit(quorum(QUORUM), 'nodes: all', 'nodes: [NODE1]');
    expectAt(text, 'stop-cluster-before-system-state', 'id: «restore-system-state»');
  });
  test('fixed: stopped on all nodes first', () => silent(quorum(QUORUM), 'stop-cluster-before-system-state'));
  test('fixed: a list naming every node of the inventory is all nodes', () => {
    silent(edit(quorum(QUORUM), 'nodes: all', 'nodes: [NODE1, NODE2]'), 'stop-cluster-before-system-state');
  });
});

describe('clusrest-before-restart', () => {
  test('no quorum copy after System State: reported on the System State restore', () => {
    const d = expectAt(
      quorum(without(QUORUM, 'restore-quorum')),
      'clusrest-before-restart',
      'id: «restore-system-state»',
    );
    assertNames(d, 'restore-system-state', 'cluster.restore-quorum');
  });
  test('a restart between System State and the quorum copy: reported on the restart, related to both', () => {
    const text = quorum(moveBefore(QUORUM, 'restart-node1', 'restore-quorum'));
    expectOnStep(text, 'clusrest-before-restart', 'restart-node1', 'restore-system-state', 'restore-quorum');
  });
  test('the quorum copied before System State: reported on the copy, related to System State', () => {
    const text = quorum(moveBefore(QUORUM, 'restore-quorum', 'restore-system-state'));
    expectOnStep(text, 'clusrest-before-restart', 'restore-quorum', 'restore-system-state');
  });
  test('fixed: System State, quorum copy, restart', () => silent(quorum(QUORUM), 'clusrest-before-restart'));
});

describe('shared-disk-check-before-restore', () => {
  test('no shared disk check: a warning on the restore', () => {
    const d = expectAt(
      quorum(without(QUORUM, 'check-shared-disk')),
      'shared-disk-check-before-restore',
      'id: «restore-sg1»',
    );
    assertNames(d, 'restore-sg1', 'cluster.verify-shared-disk');
    assert.equal(d.severity, 2);
  });
  test('the check after the restore: related to it', () => {
    const text = quorum(moveAfter(QUORUM, 'check-shared-disk', 'restore-sg1'));
    expectOnStep(text, 'shared-disk-check-before-restore', 'restore-sg1', 'check-shared-disk');
  });
  test('fixed: checked first', () => silent(quorum(QUORUM), 'shared-disk-check-before-restore'));
});

describe('do-not-mount-before-restore', () => {
  test('the flag set after the resources start: reported on the start, related to the flag', () => {
    const text = quorum(moveAfter(QUORUM, 'hold-sg1', 'start-resources'));
    expectOnStep(text, 'do-not-mount-before-restore', 'start-resources', 'hold-sg1');
  });
  test('the flag set after the restore: reported on the start and on the restore', () => {
    const text = quorum(moveAfter(QUORUM, 'hold-sg1', 'restore-sg1'));
    const found = diagnosticsOf(text, 'do-not-mount-before-restore');
    assert.equal(found.length, 2, found.map((d) => d.message).join('\n'));
    assertAt(
      text,
      found.find((d) => d.message.includes("'start-resources'"))!,
      'id: «start-resources»',
    );
    const onRestore = found.find((d) => d.message.includes("'restore-sg1'"))!;
    assertAt(text, onRestore, 'id: «restore-sg1»');
    assertRelated(text, onRestore, 'id: «hold-sg1»');
  });
  test('no flag at all: reported on the start and on the restore', () => {
    const text = quorum(without(QUORUM, 'hold-sg1', 'release-sg1'));
    const found = diagnosticsOf(text, 'do-not-mount-before-restore');
    assert.equal(found.length, 2, found.map((d) => d.message).join('\n'));
    const onStart = found.find((d) => d.message.includes("'start-resources'"));
    assert.ok(onStart, found.map((d) => d.message).join('\n'));
    assertAt(text, onStart, 'id: «start-resources»');
    const onRestore = found.find((d) => d.message.includes("'restore-sg1'"));
    assert.ok(onRestore, found.map((d) => d.message).join('\n'));
    assertAt(text, onRestore, 'id: «restore-sg1»');
    assertNames(onRestore, 'database.set-do-not-mount');
  });
  test('fixed: the flag set before both', () => silent(quorum(QUORUM), 'do-not-mount-before-restore'));
});

describe('clear-do-not-mount-after', () => {
  test('the flag cleared before the mount is verified: reported on the clear, related to the check', () => {
    const text = quorum(moveBefore(QUORUM, 'release-sg1', 'verify-sg1'));
    expectOnStep(text, 'clear-do-not-mount-after', 'release-sg1', 'verify-sg1');
  });
  test('the flag never cleared: reported on the step that set it', () => {
    const d = expectAt(quorum(without(QUORUM, 'release-sg1')), 'clear-do-not-mount-after', 'id: «hold-sg1»');
    assertNames(d, 'hold-sg1', 'database.clear-do-not-mount');
  });
  test('fixed: verified, then cleared', () => silent(quorum(QUORUM), 'clear-do-not-mount-after'));
  test('also outside a cluster scenario', () => {
    const text = runbook({ steps: [...without(QUORUM, 'release-sg1').slice(7)] });
    expectAt(text, 'clear-do-not-mount-after', 'id: «hold-sg1»');
  });
});

describe('cluster: article facts that must not be false alarms, and closed loopholes', () => {
  test('intact files after a lost quorum: just start the resources, nothing to hold or verify', () => {
    // Article (Restore Exchange 2000 databases from Backup): if the .edb, .stm and log files are
    // intact on the shared disk, start the Exchange resources.
    const intact = without(
      QUORUM,
      'hold-sg1',
      'check-store',
      'check-room',
      'restore-sg1',
      'mount-sg1',
      'verify-sg1',
      'release-sg1',
    );
    clean(quorum(intact));
  });
  test('a new node may have a new name and its own system folder', () => {
    // Article (Building a New Server Node): an entirely new node, new name, new IP and so forth.
    const install = step(
      'install-windows-node3',
      'windows.install',
      'serverName: NODE3, edition: Windows 2000 Advanced Server, systemPath: D:\\WIN2K',
    );
    const text = node(insertBefore(NODE, 'build-node3', install));
    silent(text, 'windows-same-identity');
    silent(text, 'windows-standalone');
  });
  test('shared-disk-check-before-restore: the disk checked before the quorum is back is reported', () => {
    const text = quorum(moveBefore(QUORUM, 'check-shared-disk', 'restore-quorum'));
    expectOnStep(text, 'shared-disk-check-before-restore', 'check-shared-disk', 'restore-quorum');
  });
});

describe('quorum-before-cluster-start', () => {
  test('the cluster service started before Clusrest: reported on the start, related to Clusrest', () => {
    const text = quorum(moveBefore(QUORUM, 'start-cluster', 'restore-quorum'));
    expectOnStepAmong(text, 'quorum-before-cluster-start', 'start-cluster', 'restore-quorum');
  });
  test('no Clusrest at all: reported on the start', () => {
    const text = quorum(without(QUORUM, 'restore-quorum'));
    expectAt(text, 'quorum-before-cluster-start', 'id: «start-cluster»');
  });
  test('fixed: quorum first', () => silent(quorum(QUORUM), 'quorum-before-cluster-start'));
});

describe('system-state-includes-quorum', () => {
  test('a System State restore without the quorum: reported on the value', () => {
    const text = quorum(QUORUM.map((s) => s.replace('includesQuorum: true', 'includesQuorum: false')));
    expectAt(text, 'system-state-includes-quorum', 'includesQuorum: «false»');
  });
  test('fixed: the backup holds the quorum', () => silent(quorum(QUORUM), 'system-state-includes-quorum'));
  test('a replaced node needs no quorum restore', () => silent(node(NODE), 'system-state-includes-quorum'));
});
