/** Rules of the article section on backups (core/rules/exchange2000/backup.ts). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLUSTER_INVENTORY,
  RESTORE_SG1,
  assertNames,
  assertRelated,
  clean,
  edit,
  expectAt,
  expectOnStep,
  only,
  runbook,
  silent,
  step,
} from './helpers';

const BACKUP_OK = [
  step('backup-sg1', 'backup.run', 'type: full, mode: online, storageGroup: SG1, ntbackupVersion: 5.0.2195.6687'),
  step('read-log', 'backup.verify-log'),
  step('trial-restore', 'backup.verify-restore', 'targetServer: LAB01'),
];

describe('backup fixtures', () => {
  test('the backup fixture is clean', () => clean(runbook({ scenario: 'backup', steps: BACKUP_OK })));
});

describe('edb-stm-together', () => {
  const broken = runbook({
    scenario: 'backup',
    steps: [
      step(
        'backup-files',
        'backup.run',
        'type: full, mode: online, storageGroup: SG1, files: [priv1.edb, pub1.edb, pub1.stm]',
      ),
    ],
  });
  test('an .edb without its .stm is reported on that file name', () => {
    const d = expectAt(broken, 'edb-stm-together', '[«priv1.edb», pub1.edb');
    assertNames(d, 'backup-files', 'priv1.stm');
  });
  test('an .stm without its .edb, in a restore', () => {
    const restore = runbook({
      steps: [step('restore-files', 'database.restore', 'storageGroup: SG1, backupSet: full, files: [priv1.stm]')],
    });
    const d = expectAt(restore, 'edb-stm-together', '[«priv1.stm»]');
    assertNames(d, 'restore-files', 'priv1.edb');
  });
  test('fixed: both files listed', () => {
    silent(edit(broken, '[priv1.edb, pub1.edb', '[priv1.edb, priv1.stm, pub1.edb'), 'edb-stm-together');
  });
});

describe('ntbackup-version', () => {
  const broken = runbook({
    scenario: 'backup',
    steps: [
      step('backup-sg1', 'backup.run', 'type: full, mode: online, storageGroup: SG1, ntbackupVersion: 5.0.2172.1'),
    ],
  });
  test('the known-bad build is reported on the version and named as such', () => {
    const d = expectAt(broken, 'ntbackup-version', 'ntbackupVersion: «5.0.2172.1»');
    assertNames(d, '5.0.2172.1', '5.0.2195.1117');
    assert.match(d.message, /known/);
  });
  test('the message names the step', () => {
    assertNames(only(broken, 'ntbackup-version'), 'backup-sg1');
  });
  test('any build older than 5.0.2195.1117 is reported, in a restore too', () => {
    const restore = runbook({
      steps: [
        step('restore-sg1', 'database.restore', "storageGroup: SG1, backupSet: full, ntbackupVersion: '5.0.2195.1116'"),
      ],
    });
    const d = expectAt(restore, 'ntbackup-version', "ntbackupVersion: «'5.0.2195.1116'»");
    assert.doesNotMatch(d.message, /known/);
  });
  test('fixed: 5.0.2195.1117 exactly, or later', () => {
    silent(edit(broken, '5.0.2172.1', '5.0.2195.1117'), 'ntbackup-version');
    silent(edit(broken, '5.0.2172.1', '5.0.2195.6687'), 'ntbackup-version');
  });
});

describe('one-job-per-storage-group', () => {
  const broken = runbook({
    scenario: 'backup',
    steps: [
      step('backup-sg1-full', 'backup.run', 'type: full, mode: online, storageGroup: SG1', 'parallel: nightly'),
      step('backup-sg1-copy', 'backup.run', 'type: copy, mode: online, storageGroup: SG1', 'parallel: nightly'),
    ],
  });
  test('the second job of a storage group in one parallel group is reported on its label', () => {
    const d = expectAt(
      broken,
      'one-job-per-storage-group',
      'type: copy, mode: online, storageGroup: SG1 }\n    parallel: «nightly»',
    );
    assertNames(d, 'backup-sg1-full', 'backup-sg1-copy', 'SG1', 'nightly');
    assertRelated(broken, d, 'id: «backup-sg1-full»');
  });
  test('a backup and a restore of one storage group in one parallel group', () => {
    const mixed = runbook({
      steps: [
        step('backup-sg1', 'backup.run', 'type: full, mode: online, storageGroup: SG1', 'parallel: p1'),
        step('restore-mailbox', 'database.restore', 'databases: [Mailbox Store], backupSet: full', 'parallel: p1'),
      ],
    });
    const d = expectAt(mixed, 'one-job-per-storage-group', 'backupSet: full }\n    parallel: «p1»');
    assertRelated(mixed, d, 'id: «backup-sg1»');
  });
  test('fixed: different storage groups may share a parallel group', () => {
    silent(
      edit(broken, 'type: copy, mode: online, storageGroup: SG1', 'type: copy, mode: online, storageGroup: SG2'),
      'one-job-per-storage-group',
    );
  });
  test('fixed: the same storage group in different parallel groups', () => {
    silent(
      edit(
        broken,
        'SG1 }\n    parallel: nightly\n  - id: backup-sg1-copy',
        'SG1 }\n    parallel: early\n  - id: backup-sg1-copy',
      ),
      'one-job-per-storage-group',
    );
  });
});

describe('backup-whole-storage-group', () => {
  const broken = runbook({
    scenario: 'backup',
    steps: [
      step('backup-mailbox', 'backup.run', 'type: full, mode: online, storageGroup: SG1, databases: [Mailbox Store]'),
    ],
  });
  test('a backup of some databases of a group is reported on the list', () => {
    const d = expectAt(broken, 'backup-whole-storage-group', 'databases: «[Mailbox Store]»');
    assertNames(d, 'backup-mailbox', 'SG1');
    assert.equal(d.severity, 2);
  });
  test('fixed: the whole storage group', () => {
    silent(edit(broken, ', databases: [Mailbox Store]', ''), 'backup-whole-storage-group');
  });
  test('fixed: every database of the group listed', () => {
    silent(edit(broken, '[Mailbox Store]', '[Mailbox Store, Public Store]'), 'backup-whole-storage-group');
  });
});

describe('offline-backup-dismounted', () => {
  const dismount = step('dismount-sg1', 'database.dismount', 'storageGroup: SG1');
  const backup = step('backup-offline', 'backup.run', 'type: full, mode: offline, storageGroup: SG1');
  const mount = step('mount-sg1', 'database.mount', 'storageGroup: SG1');
  const rb = (...steps: string[]) => runbook({ scenario: 'backup', steps });

  test('no dismount before the offline backup: reported on the backup', () => {
    const text = rb(backup, mount);
    const d = expectAt(text, 'offline-backup-dismounted', 'id: «backup-offline»');
    assertNames(d, 'backup-offline');
  });
  test('the dismount after the backup: reported on the backup, related to the dismount', () => {
    const text = rb(backup, dismount, mount);
    expectOnStep(text, 'offline-backup-dismounted', 'backup-offline', 'dismount-sg1');
  });
  test('no mount after the offline backup: reported on the backup', () => {
    const text = rb(dismount, backup);
    const d = expectAt(text, 'offline-backup-dismounted', 'id: «backup-offline»');
    assertNames(d, 'backup-offline', 'database.mount');
  });
  test('the mount before the backup: reported on the mount, related to the backup', () => {
    const text = rb(dismount, mount, backup);
    expectOnStep(text, 'offline-backup-dismounted', 'mount-sg1', 'backup-offline');
  });
  test('a dismount of another storage group does not count', () => {
    const other = step('dismount-sg2', 'database.dismount', 'storageGroup: SG2');
    expectAt(rb(other, backup, mount), 'offline-backup-dismounted', 'id: «backup-offline»');
  });
  test('fixed: dismount, offline backup, mount', () =>
    silent(rb(dismount, backup, mount), 'offline-backup-dismounted'));
  test('an online backup needs neither', () => silent(rb(BACKUP_OK[0]), 'offline-backup-dismounted'));
});

describe('prefer-online-full', () => {
  const broken = runbook({
    scenario: 'backup',
    steps: [
      step('dismount-sg1', 'database.dismount', 'storageGroup: SG1'),
      step('backup-offline', 'backup.run', 'type: full, mode: offline, storageGroup: SG1'),
      step('mount-sg1', 'database.mount', 'storageGroup: SG1'),
    ],
  });
  test('an offline backup is a hint on its mode', () => {
    const d = expectAt(broken, 'prefer-online-full', 'mode: «offline»');
    assertNames(d, 'backup-offline');
    assert.equal(d.severity, 4);
  });
  test('fixed: online', () => silent(edit(broken, 'mode: offline', 'mode: online'), 'prefer-online-full'));
});

describe('verify-backup', () => {
  test('a backup runbook without `backup.verify-restore`: reported on `steps`', () => {
    const text = runbook({ scenario: 'backup', steps: BACKUP_OK.slice(0, 2) });
    const d = expectAt(text, 'verify-backup', '«steps»:');
    assertNames(d, 'backup.verify-restore');
    assert.equal(d.severity, 2);
  });
  test('a backup runbook without `backup.verify-log`: reported on `steps`', () => {
    const text = runbook({ scenario: 'backup', steps: [BACKUP_OK[0], BACKUP_OK[2]] });
    const d = expectAt(text, 'verify-backup', '«steps»:');
    assertNames(d, 'backup.verify-log');
  });
  test('fixed: both checks', () => silent(runbook({ scenario: 'backup', steps: BACKUP_OK }), 'verify-backup'));
  test('other scenarios are not asked for it', () =>
    silent(runbook({ scenario: 'database-restore', steps: RESTORE_SG1 }), 'verify-backup'));
});

describe('cluster-backup-quorum-owner', () => {
  const own = step('own-quorum', 'cluster.take-quorum-ownership', 'node: NODE1');
  const backup = step('backup-node1', 'backup.run', 'type: full, mode: online, storageGroup: SG1, node: NODE1');
  const rb = (...steps: string[]) => runbook({ scenario: 'backup', server: CLUSTER_INVENTORY, steps });
  test('a cluster backup with no quorum ownership: reported on the backup', () => {
    const d = expectAt(rb(backup), 'cluster-backup-quorum-owner', 'id: «backup-node1»');
    assertNames(d, 'backup-node1', 'cluster.take-quorum-ownership');
  });
  test('the ownership taken after the backup: related to it', () => {
    const text = rb(backup, own);
    expectOnStep(text, 'cluster-backup-quorum-owner', 'backup-node1', 'own-quorum');
  });
  test('fixed: ownership first', () => silent(rb(own, backup), 'cluster-backup-quorum-owner'));
  test('a server that is not clustered needs none', () =>
    silent(runbook({ scenario: 'backup', steps: BACKUP_OK }), 'cluster-backup-quorum-owner'));
});

describe('restore-capacity', () => {
  const without = RESTORE_SG1.filter((s) => !s.includes('check-room'));
  test('a restore with no capacity check: a hint on the restore', () => {
    const d = expectAt(runbook({ steps: without }), 'restore-capacity', 'id: «restore-sg1»');
    assertNames(d, 'restore-sg1', 'disk.check-capacity');
    assert.equal(d.severity, 4);
  });
  test('the check after the restore: related to it', () => {
    const late = [...without.slice(0, 4), RESTORE_SG1[1], ...without.slice(4)];
    const text = runbook({ steps: late });
    expectOnStep(text, 'restore-capacity', 'restore-sg1', 'check-room');
  });
  test('fixed: the check before the restore', () => silent(runbook({ steps: RESTORE_SG1 }), 'restore-capacity'));
});

describe('backup: article facts that must not be false alarms, and closed loopholes', () => {
  const BACKUP = (...steps: string[]) => runbook({ scenario: 'backup', steps: [...steps, ...BACKUP_OK.slice(1)] });
  test('edb-stm-together: a store may keep its .stm on its own drive; both files listed is enough', () =>
    // Article (Introduction): the .edb and .stm are treated as one file; nothing ties them to one folder.
    silent(
      BACKUP(
        step(
          'backup-sg1',
          'backup.run',
          'type: full, mode: online, storageGroup: SG1, ntbackupVersion: 5.0.2195.6687, files: [D:\\mdbdata\\priv1.edb, S:\\stm\\priv1.stm]',
        ),
      ),
      'edb-stm-together',
    ));
  test('edb-stm-together: still reported when the .stm is missing altogether', () => {
    expectAt(
      BACKUP(
        step(
          'backup-sg1',
          'backup.run',
          'type: full, mode: online, storageGroup: SG1, ntbackupVersion: 5.0.2195.6687, files: [D:\\mdbdata\\priv1.edb]',
        ),
      ),
      'edb-stm-together',
      'files: [«D:\\mdbdata\\priv1.edb»]',
    );
  });
  test('backup-whole-storage-group: an offline backup of one store copies no logs, so it is fine', () => {
    // Article (Backing Up Multiple Databases; Offline Backups): the advice exists because partial
    // backups copy the shared logs again; an offline backup copies no logs.
    const text = BACKUP(
      step('dismount-mailbox', 'database.dismount', 'storageGroup: SG1, databases: [Mailbox Store]'),
      step(
        'backup-sg1',
        'backup.run',
        'type: full, mode: offline, storageGroup: SG1, databases: [Mailbox Store], ntbackupVersion: 5.0.2195.6687',
      ),
      step('mount-mailbox', 'database.mount', 'storageGroup: SG1, databases: [Mailbox Store]'),
    );
    silent(text, 'backup-whole-storage-group');
  });
  test('several storage groups backed up at once and several databases of one group in one job are allowed', () => {
    // Article (Restoring Multiple Databases in a Single Storage Group): one process per storage
    // group; several storage groups may run at the same time.
    const text = BACKUP(
      step(
        'backup-sg1',
        'backup.run',
        'type: full, mode: online, storageGroup: SG1, ntbackupVersion: 5.0.2195.6687',
        'parallel: nightly',
      ),
      step(
        'backup-sg2',
        'backup.run',
        'type: full, mode: online, storageGroup: SG2, ntbackupVersion: 5.0.2195.6687',
        'parallel: nightly',
      ),
    );
    clean(text);
  });
  test('ntbackup-version: a version string with words after the number is still compared', () => {
    const text = BACKUP(
      step(
        'backup-sg1',
        'backup.run',
        "type: full, mode: online, storageGroup: SG1, ntbackupVersion: '5.0.2172.1 (Windows 2000 RTM)'",
      ),
    );
    expectAt(text, 'ntbackup-version', "ntbackupVersion: «'5.0.2172.1 (Windows 2000 RTM)'»");
  });
  test('verify-backup: a backup "verified" before it runs is reported', () => {
    const text = runbook({ scenario: 'backup', steps: [BACKUP_OK[1], BACKUP_OK[0], BACKUP_OK[2]] });
    expectOnStep(text, 'verify-backup', 'read-log', 'backup-sg1');
  });
  test('cluster-backup-quorum-owner: the backup must run on the node that owns the quorum', () => {
    const text = runbook({
      scenario: 'backup',
      server: CLUSTER_INVENTORY,
      steps: [
        step('own-quorum', 'cluster.take-quorum-ownership', 'node: NODE1'),
        step(
          'backup-node2',
          'backup.run',
          'type: full, mode: online, storageGroup: SG1, node: NODE2, ntbackupVersion: 5.0.2195.6687',
        ),
        ...BACKUP_OK.slice(1),
      ],
    });
    const d = expectAt(text, 'cluster-backup-quorum-owner', 'id: «own-quorum»');
    assertNames(d, 'own-quorum', 'NODE1');
  });
  test('cluster-backup-quorum-owner: other nodes may back up too, once the owner has', () => {
    // Article: after the quorum is backed up on one node, the rest may back up their own data.
    const text = runbook({
      scenario: 'backup',
      server: CLUSTER_INVENTORY,
      steps: [
        step('own-quorum', 'cluster.take-quorum-ownership', 'node: NODE1'),
        step(
          'backup-node1',
          'backup.run',
          'type: full, mode: online, storageGroup: SG1, node: NODE1, ntbackupVersion: 5.0.2195.6687',
        ),
        step(
          'backup-node2',
          'backup.run',
          'type: full, mode: online, storageGroup: SG2, node: NODE2, ntbackupVersion: 5.0.2195.6687',
        ),
        ...BACKUP_OK.slice(1),
      ],
    });
    silent(text, 'cluster-backup-quorum-owner');
  });
  test('restore-capacity: a drive only 10% free is reported (keep it at most half full)', () => {
    const text = runbook({ steps: RESTORE_SG1.map((s) => s.replace('freePercent: 50', 'freePercent: 10')) });
    expectAt(text, 'restore-capacity', 'freePercent: «10»');
  });
});
