/** Restoring databases. The base is RESTORE_SG1: store, room, dismount, copy, restore, mount, verify. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RESTORE_SG1,
  assertAt,
  assertNames,
  assertRelated,
  clean,
  diagnosticsOf,
  edit,
  expectAt,
  expectOnStep,
  listing,
  only,
  runbook,
  silent,
  step,
} from './helpers';

const [store, room, dismount, copy, restore, mount, verify] = RESTORE_SG1;
const rb = (...steps: string[]) => runbook({ steps });

/** A restore of SG1 with its own id and backup set. */
const restoreOf = (id: string, params: string) =>
  step(id, 'database.restore', `${params}, tempLogPath: F:\\restore-temp`);

describe('restore fixtures', () => {
  test('the base restore is clean', () => clean(rb(...RESTORE_SG1)));
});

describe('store-running-before-restore', () => {
  test('no store check: reported on the restore', () => {
    const d = expectAt(
      rb(room, dismount, copy, restore, mount, verify),
      'store-running-before-restore',
      'id: «restore-sg1»',
    );
    assertNames(d, 'restore-sg1', 'store.verify-running');
  });
  test('the store check after the restore: related to it', () => {
    const text = rb(room, dismount, copy, restore, store, mount, verify);
    expectOnStep(text, 'store-running-before-restore', 'restore-sg1', 'check-store');
  });
  test('only the first restore matters: a check between two restores is reported on the first', () => {
    const sg2 = [
      step('dismount-sg2', 'database.dismount', 'storageGroup: SG2'),
      step('copy-sg2', 'database.copy-existing', 'storageGroup: SG2'),
      restoreOf('restore-sg2', 'storageGroup: SG2, backupSet: full, lastRestoreSet: true'),
    ];
    const text = rb(room, dismount, copy, restore, mount, verify, store, ...sg2);
    expectAt(text, 'store-running-before-restore', 'id: «restore-sg1»');
  });
  test('fixed: the check first', () => silent(rb(...RESTORE_SG1), 'store-running-before-restore'));
});

describe('dismount-before-restore', () => {
  test('no dismount: reported on the restore', () => {
    const d = expectAt(rb(store, room, copy, restore, mount, verify), 'dismount-before-restore', 'id: «restore-sg1»');
    assertNames(d, 'restore-sg1', 'database.dismount');
  });
  test('mounted again before the restore: related to the mount', () => {
    const text = rb(store, room, dismount, copy, mount, restore, verify);
    const d = expectOnStep(text, 'dismount-before-restore', 'restore-sg1', 'mount-sg1');
    assertNames(d, 'dismount-sg1');
  });
  test('a dismount of another storage group does not count', () => {
    const other = step('dismount-sg2', 'database.dismount', 'storageGroup: SG2');
    expectAt(rb(store, room, other, copy, restore, mount, verify), 'dismount-before-restore', 'id: «restore-sg1»');
  });
  test('a dismount of one database does not cover the other one restored', () => {
    const partial = step('dismount-mailbox', 'database.dismount', 'storageGroup: SG1, databases: [Mailbox Store]');
    const d = expectAt(
      rb(store, room, partial, copy, restore, mount, verify),
      'dismount-before-restore',
      'id: «restore-sg1»',
    );
    assertNames(d, 'restore-sg1');
  });
  test('fixed: dismounted first', () => silent(rb(...RESTORE_SG1), 'dismount-before-restore'));
  test('fixed: held unmounted with "Do not mount at startup" (cluster)', () => {
    const hold = step('hold-sg1', 'database.set-do-not-mount', 'storageGroup: SG1');
    silent(rb(store, room, hold, copy, restore, mount, verify), 'dismount-before-restore');
  });
});

describe('copy-before-restore', () => {
  test('no copy: a warning on the restore', () => {
    const d = expectAt(rb(store, room, dismount, restore, mount, verify), 'copy-before-restore', 'id: «restore-sg1»');
    assertNames(d, 'restore-sg1', 'database.copy-existing');
    assert.equal(d.severity, 2);
  });
  test('the copy after the restore: related to it', () => {
    const text = rb(store, room, dismount, restore, copy, mount, verify);
    expectOnStep(text, 'copy-before-restore', 'restore-sg1', 'copy-sg1');
  });
  test('a copy of one database does not cover the other one restored', () => {
    const partial = step('copy-mailbox', 'database.copy-existing', 'storageGroup: SG1, databases: [Mailbox Store]');
    const d = expectAt(
      rb(store, room, dismount, partial, restore, mount, verify),
      'copy-before-restore',
      'id: «restore-sg1»',
    );
    assertNames(d, 'Public Store');
  });
  test('fixed: copied first', () => silent(rb(...RESTORE_SG1), 'copy-before-restore'));
  test('not asked in cluster-quorum, where the disk that held the files is gone', () => {
    silent(
      runbook({ scenario: 'cluster-quorum', steps: [store, room, dismount, restore, mount, verify] }),
      'copy-before-restore',
    );
  });
});

describe('temp-log-path-differs', () => {
  const broken = rb(
    store,
    room,
    dismount,
    copy,
    step(
      'restore-sg1',
      'database.restore',
      'storageGroup: SG1, backupSet: full, lastRestoreSet: true, tempLogPath: E:\\logs\\sg1',
    ),
    mount,
    verify,
  );
  test('the live log folder of the group is reported on the path', () => {
    const d = expectAt(broken, 'temp-log-path-differs', 'tempLogPath: «E:\\logs\\sg1»');
    assertNames(d, 'restore-sg1', 'SG1');
  });
  test('the same folder with another case and a trailing backslash', () => {
    const text = edit(broken, 'tempLogPath: E:\\logs\\sg1', 'tempLogPath: e:\\LOGS\\sg1\\');
    expectAt(text, 'temp-log-path-differs', 'tempLogPath: «e:\\LOGS\\sg1\\»');
  });
  test('no tempLogPath: reported on the restore', () => {
    const text = edit(broken, ', tempLogPath: E:\\logs\\sg1', '');
    const d = expectAt(text, 'temp-log-path-differs', 'id: «restore-sg1»');
    assertNames(d, 'restore-sg1', 'tempLogPath');
  });
  test('fixed: a folder of its own', () =>
    silent(edit(broken, 'tempLogPath: E:\\logs\\sg1', 'tempLogPath: F:\\restore-temp'), 'temp-log-path-differs'));
  test('the log folder of another group is fine', () =>
    silent(edit(broken, 'tempLogPath: E:\\logs\\sg1', 'tempLogPath: E:\\logs\\sg2'), 'temp-log-path-differs'));
});

describe('restore-sequence', () => {
  const full = restoreOf('restore-full', 'storageGroup: SG1, backupSet: full, lastRestoreSet: false');
  const inc1 = restoreOf('restore-inc-1', 'storageGroup: SG1, backupSet: incremental, lastRestoreSet: false');
  const inc2 = restoreOf('restore-inc-2', 'storageGroup: SG1, backupSet: incremental, lastRestoreSet: true');
  const diff = (id: string, last: boolean) =>
    restoreOf(id, `storageGroup: SG1, backupSet: differential, lastRestoreSet: ${last}`);

  test('an incremental with no full restore before it: reported on its backup set', () => {
    const text = rb(store, room, dismount, copy, inc2, mount, verify);
    const d = expectAt(text, 'restore-sequence', 'backupSet: «incremental», lastRestoreSet: true');
    assertNames(d, 'restore-inc-2', 'incremental');
  });
  test('a full restore of another storage group does not start this sequence', () => {
    const sg2 = restoreOf('restore-sg2', 'storageGroup: SG2, backupSet: full, lastRestoreSet: true');
    expectAt(
      rb(store, room, dismount, copy, sg2, inc2, mount, verify),
      'restore-sequence',
      'backupSet: «incremental», lastRestoreSet: true',
    );
  });
  test('a second differential: reported on it, related to the first', () => {
    const text = rb(
      store,
      room,
      dismount,
      copy,
      full,
      diff('restore-diff-1', false),
      diff('restore-diff-2', true),
      mount,
      verify,
    );
    const d = expectAt(text, 'restore-sequence', 'backupSet: «differential», lastRestoreSet: true');
    assertNames(d, 'restore-diff-2', 'restore-diff-1');
    assertRelated(text, d, 'id: «restore-diff-1»');
  });
  test('a differential after incrementals: reported on it', () => {
    const text = rb(store, room, dismount, copy, full, inc1, diff('restore-diff', true), mount, verify);
    const d = expectAt(text, 'restore-sequence', 'backupSet: «differential»');
    assertNames(d, 'restore-diff');
  });
  test('fixed: full then incrementals', () =>
    silent(rb(store, room, dismount, copy, full, inc1, inc2, mount, verify), 'restore-sequence'));
  test('fixed: full then one differential', () =>
    silent(rb(store, room, dismount, copy, full, diff('restore-diff', true), mount, verify), 'restore-sequence'));
});

describe('last-restore-set-final', () => {
  test('the only restore without `lastRestoreSet: true`: reported on the value', () => {
    const text = edit(rb(...RESTORE_SG1), 'lastRestoreSet: true', 'lastRestoreSet: false');
    const d = expectAt(text, 'last-restore-set-final', 'lastRestoreSet: «false»');
    assertNames(d, 'restore-sg1', 'lastRestoreSet: true');
  });
  test('the flag missing: reported on the restore', () => {
    const text = edit(rb(...RESTORE_SG1), 'lastRestoreSet: true, ', '');
    expectAt(text, 'last-restore-set-final', 'id: «restore-sg1»');
  });
  test('the flag on an earlier restore of the sequence: reported on that value', () => {
    const text = rb(
      store,
      room,
      dismount,
      copy,
      restoreOf('restore-full', 'storageGroup: SG1, backupSet: full, lastRestoreSet: true'),
      restoreOf('restore-inc', 'storageGroup: SG1, backupSet: incremental, lastRestoreSet: true'),
      mount,
      verify,
    );
    const d = expectAt(text, 'last-restore-set-final', 'backupSet: full, lastRestoreSet: «true»');
    assertNames(d, 'restore-full');
  });
  test('fixed: true on the last restore only', () => {
    const text = rb(
      store,
      room,
      dismount,
      copy,
      restoreOf('restore-full', 'storageGroup: SG1, backupSet: full, lastRestoreSet: false'),
      restoreOf('restore-inc', 'storageGroup: SG1, backupSet: incremental, lastRestoreSet: true'),
      mount,
      verify,
    );
    silent(text, 'last-restore-set-final');
  });
});

describe('serial-restore-mount-between', () => {
  const first = restoreOf(
    'restore-mailbox',
    'storageGroup: SG1, databases: [Mailbox Store], backupSet: full, lastRestoreSet: true',
  );
  const second = restoreOf(
    'restore-public',
    'storageGroup: SG1, databases: [Public Store], backupSet: full, lastRestoreSet: true',
  );
  const mountMailbox = step('mount-mailbox', 'database.mount', 'storageGroup: SG1, databases: [Mailbox Store]');
  test('a second database of a group restored before the first is mounted: reported on it, related to the first', () => {
    const text = rb(store, room, dismount, copy, first, second, mount, verify);
    expectOnStep(text, 'serial-restore-mount-between', 'restore-public', 'restore-mailbox');
  });
  test('fixed: the first database mounted in between', () => {
    silent(rb(store, room, dismount, copy, first, mountMailbox, second, mount, verify), 'serial-restore-mount-between');
  });
  test('fixed: both databases in one step', () => silent(rb(...RESTORE_SG1), 'serial-restore-mount-between'));
  test('different storage groups need no mount in between', () => {
    const sg2 = [
      step('dismount-sg2', 'database.dismount', 'storageGroup: SG2'),
      step('copy-sg2', 'database.copy-existing', 'storageGroup: SG2'),
      restoreOf('restore-sales', 'storageGroup: SG2, backupSet: full, lastRestoreSet: true'),
    ];
    silent(rb(store, room, dismount, copy, ...sg2, restore, mount, verify), 'serial-restore-mount-between');
  });
});

describe('verify-mounted-after-restore', () => {
  test('no check: reported on the restore', () => {
    const d = expectAt(
      rb(store, room, dismount, copy, restore, mount),
      'verify-mounted-after-restore',
      'id: «restore-sg1»',
    );
    assertNames(d, 'restore-sg1', 'database.verify-mounted');
  });
  test('the check before the restore: reported on the check, related to the restore', () => {
    const text = rb(store, room, dismount, copy, verify, restore, mount);
    expectOnStep(text, 'verify-mounted-after-restore', 'verify-sg1', 'restore-sg1');
  });
  test('a check of one database does not cover the other one restored', () => {
    const partial = step('verify-mailbox', 'database.verify-mounted', 'storageGroup: SG1, databases: [Mailbox Store]');
    const d = expectAt(
      rb(store, room, dismount, copy, restore, mount, partial),
      'verify-mounted-after-restore',
      'id: «restore-sg1»',
    );
    assertNames(d, 'Public Store');
  });
  test('fixed: verified after the restore', () => silent(rb(...RESTORE_SG1), 'verify-mounted-after-restore'));
});

describe('alternate-server-names-match', () => {
  const toLab = step(
    'restore-to-lab',
    'database.restore',
    'storageGroup: SG1, backupSet: full, lastRestoreSet: true, tempLogPath: F:\\restore-temp, targetServer: LAB01',
  );
  const check = step('check-names', 'prereq.confirm', 'item: matching-names');
  test('no names check: a warning on the target server', () => {
    const text = rb(store, room, dismount, copy, toLab, mount, verify);
    const d = expectAt(text, 'alternate-server-names-match', 'targetServer: «LAB01»');
    assertNames(d, 'restore-to-lab', 'LAB01');
    assert.equal(d.severity, 2);
  });
  test('the check after the restore: an error, related to the check', () => {
    const text = rb(store, room, dismount, copy, toLab, check, mount, verify);
    const d = expectAt(text, 'alternate-server-names-match', 'targetServer: «LAB01»');
    assertNames(d, 'restore-to-lab', 'check-names');
    assertRelated(text, d, 'id: «check-names»');
    assert.equal(d.severity, 1);
  });
  test('fixed: the check first', () =>
    silent(rb(store, room, check, dismount, copy, toLab, mount, verify), 'alternate-server-names-match'));
  test('fixed: a manual step that confirms the names', () => {
    const manual = step('compare-names', 'manual', 'confirms: matching-names');
    silent(rb(store, room, manual, dismount, copy, toLab, mount, verify), 'alternate-server-names-match');
  });
  test('the original server is not another server', () => {
    silent(
      edit(rb(store, room, dismount, copy, toLab, mount, verify), 'targetServer: LAB01', 'targetServer: exch01'),
      'alternate-server-names-match',
    );
  });
  test('one diagnostic per restore', () => {
    only(rb(store, room, dismount, copy, toLab, mount, verify), 'alternate-server-names-match');
    const sg2ToLab = step(
      'restore-sg2-to-lab',
      'database.restore',
      'storageGroup: SG2, backupSet: full, lastRestoreSet: true, tempLogPath: F:\\restore-temp, targetServer: LAB02',
    );
    const text = rb(store, room, dismount, copy, toLab, sg2ToLab, mount, verify);
    const found = diagnosticsOf(text, 'alternate-server-names-match');
    assert.equal(found.length, 2, listing(text));
    assertAt(
      text,
      found.find((d) => d.message.includes('restore-to-lab'))!,
      'targetServer: «LAB01»',
    );
    assertAt(
      text,
      found.find((d) => d.message.includes('restore-sg2-to-lab'))!,
      'targetServer: «LAB02»',
    );
  });
});

describe('restore: closed loopholes', () => {
  test('serial-restore-mount-between: a mount in the same parallel group as the next restore does not count', () => {
    const first = restoreOf(
      'restore-mailbox',
      'storageGroup: SG1, databases: [Mailbox Store], backupSet: full, lastRestoreSet: true',
    );
    const mountMailbox = step(
      'mount-mailbox',
      'database.mount',
      'storageGroup: SG1, databases: [Mailbox Store]',
      'parallel: wave2',
    );
    const second = restoreOf(
      'restore-public',
      'storageGroup: SG1, databases: [Public Store], backupSet: full, lastRestoreSet: true',
    ).concat('\nparallel: wave2');
    const text = rb(store, room, dismount, copy, first, mountMailbox, second, mount, verify);
    expectOnStep(text, 'serial-restore-mount-between', 'restore-public', 'restore-mailbox');
  });
});
