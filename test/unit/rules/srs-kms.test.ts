/** SRS and KMS servers: their own steps, in order, between the database restores and the final restart. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INVENTORY,
  MEMBER_SERVER,
  assertNames,
  clean,
  diagnosticsOf,
  edit,
  expectAt,
  expectOnStep,
  expectOnStepAmong,
  idOf,
  insertBefore,
  moveBefore,
  only,
  moveAfter,
  runbook,
  silent,
  step,
  without,
} from './helpers';

const SRS_STEPS = [
  step('clear-srsdata', 'srs.clear-data-folder', 'path: D:\\Program Files\\Exchsrvr\\srsdata'),
  step('start-srs', 'srs.start-service', 'startupType: automatic'),
  step('reset-srs-password', 'srs.reset-service-account-password'),
  step('restore-srs', 'srs.restore-database'),
];
const KMS_STEPS = [
  step('check-kmsdata', 'kms.verify-data-folder-empty', 'path: D:\\Program Files\\Exchsrvr\\KMSData'),
  step('start-kms', 'kms.start-service', 'passwordParameter: true'),
  step('restore-kms', 'kms.restore-database'),
];
// Both servers also need their own database backup in hand before the work starts.
const confirm = (item: string) => step(`confirm-${item}`, 'prereq.confirm', `item: ${item}`);
const SRS_SERVER = insertBefore(
  insertBefore(MEMBER_SERVER, 'check-server-object', confirm('srs-database-backup')),
  'final-restart',
  ...SRS_STEPS,
);
const KMS_SERVER = insertBefore(
  insertBefore(MEMBER_SERVER, 'check-server-object', confirm('kms-database-backup')),
  'final-restart',
  ...KMS_STEPS,
);
const srs = (steps: string[]) =>
  runbook({ scenario: 'srs-server', server: INVENTORY.replace('roles: []', 'roles: [srs]'), steps });
const kmsInventory = (roles: string) =>
  INVENTORY.replace('roles: []', `roles: [${roles}]`).replace(
    'components: [messaging-and-collaboration, system-management-tools]',
    'components: [messaging-and-collaboration, system-management-tools, key-management-service]',
  );
const kms = (steps: string[], roles = 'kms') => runbook({ scenario: 'kms-server', server: kmsInventory(roles), steps });
const KMS_BASE_STEPS = KMS_SERVER.map((s) =>
  s.replace(
    'components: [messaging-and-collaboration, system-management-tools]',
    'components: [messaging-and-collaboration, system-management-tools, key-management-service]',
  ),
);

describe('srs and kms fixtures', () => {
  test('the srs-server fixture is clean', () => clean(srs(SRS_SERVER)));
  test('the kms-server fixture is clean', () => clean(kms(KMS_BASE_STEPS)));
  test('the kms-server fixture with a certificate authority is clean', () =>
    clean(kms(KMS_BASE_STEPS, 'kms, certificate-authority')));
});

describe('srs-steps-required', () => {
  for (const missing of SRS_STEPS) {
    const action = /action: (\S+)/.exec(missing)![1];
    test(`no \`${action}\`: reported on \`steps\``, () => {
      const d = expectAt(srs(without(SRS_SERVER, idOf(missing))), 'srs-steps-required', '«steps»:');
      assertNames(d, action);
    });
  }
  test('`startupType: manual`: reported on the value', () => {
    const d = expectAt(
      edit(srs(SRS_SERVER), 'startupType: automatic', 'startupType: manual'),
      'srs-steps-required',
      'startupType: «manual»',
    );
    assertNames(d, 'start-srs', 'automatic');
  });
  test('`startupType` missing: reported on the step', () => {
    const d = expectAt(
      srs(SRS_SERVER.map((s) => s.replace('\nwith: { startupType: automatic }', ''))),
      'srs-steps-required',
      'id: «start-srs»',
    );
    assertNames(d, 'start-srs', 'startupType');
  });
  test('fixed: all four steps, SRS starting automatically', () => silent(srs(SRS_SERVER), 'srs-steps-required'));
  test('a member-server runbook is not asked for them', () =>
    silent(runbook({ scenario: 'member-server', steps: MEMBER_SERVER }), 'srs-steps-required'));
});

describe('srs-order', () => {
  test('an SRS step before the database restore: reported on it, related to the restore', () => {
    const text = srs(moveBefore(SRS_SERVER, 'reset-srs-password', 'restore-sg1'));
    expectOnStep(text, 'srs-order', 'reset-srs-password', 'restore-sg1');
  });
  test('the final restart before an SRS step: reported on the restart, related to that step', () => {
    const text = srs(moveAfter(SRS_SERVER, 'restore-srs', 'final-restart'));
    expectOnStep(text, 'srs-order', 'final-restart', 'restore-srs');
  });
  test('SRS started before its folder is cleared: reported on the start, related to the clear', () => {
    const text = srs(moveAfter(SRS_SERVER, 'clear-srsdata', 'start-srs'));
    expectOnStep(text, 'srs-order', 'start-srs', 'clear-srsdata');
  });
  test('the SRS database restored before the service starts: reported on the restore, related to the start', () => {
    const text = srs(moveAfter(SRS_SERVER, 'start-srs', 'restore-srs'));
    expectOnStepAmong(text, 'srs-order', 'restore-srs', 'start-srs');
  });
  test('fixed: clear, start, reset, restore, between the restores and the final restart', () =>
    silent(srs(SRS_SERVER), 'srs-order'));
});

describe('kms-steps-required', () => {
  for (const missing of KMS_STEPS) {
    const action = /action: (\S+)/.exec(missing)![1];
    test(`no \`${action}\`: reported on \`steps\``, () => {
      const d = expectAt(kms(without(KMS_BASE_STEPS, idOf(missing))), 'kms-steps-required', '«steps»:');
      assertNames(d, action);
    });
  }
  test('fixed: all three steps', () => silent(kms(KMS_BASE_STEPS), 'kms-steps-required'));
  test('an srs-server runbook is not asked for them', () => silent(srs(SRS_SERVER), 'kms-steps-required'));
});

describe('kms-order', () => {
  test('a KMS step before the database restore: reported on it, related to the restore', () => {
    const text = kms(moveBefore(KMS_BASE_STEPS, 'check-kmsdata', 'restore-sg1'));
    expectOnStep(text, 'kms-order', 'check-kmsdata', 'restore-sg1');
  });
  test('the final restart before a KMS step: reported on the restart, related to that step', () => {
    const text = kms(moveAfter(KMS_BASE_STEPS, 'restore-kms', 'final-restart'));
    expectOnStep(text, 'kms-order', 'final-restart', 'restore-kms');
  });
  test('KMS started before its folder is checked: reported on the start, related to the check', () => {
    const text = kms(moveAfter(KMS_BASE_STEPS, 'check-kmsdata', 'start-kms'));
    expectOnStep(text, 'kms-order', 'start-kms', 'check-kmsdata');
  });
  test('the KMS database restored before the service starts: reported on the restore, related to the start', () => {
    const text = kms(moveAfter(KMS_BASE_STEPS, 'start-kms', 'restore-kms'));
    expectOnStep(text, 'kms-order', 'restore-kms', 'start-kms');
  });
  test('fixed: check, start, restore, between the restores and the final restart', () =>
    silent(kms(KMS_BASE_STEPS), 'kms-order'));
});

describe('kms-ca-from-system-state', () => {
  const roles = 'kms, certificate-authority';
  const withCa = (steps: string[]) =>
    steps.map((s) =>
      s.replace(
        'system-management-tools, key-management-service]',
        'system-management-tools, key-management-service, certificate-authority]',
      ),
    );
  test('Setup listing the certificate authority: a warning on its components', () => {
    const text = kms(withCa(KMS_BASE_STEPS), roles);
    const d = expectAt(
      text,
      'kms-ca-from-system-state',
      'components: «[messaging-and-collaboration, system-management-tools, key-management-service, certificate-authority]»',
    );
    assertNames(d, 'run-dr-setup', 'certificate-authority');
    assert.equal(d.severity, 2);
    silent(text, 'dr-setup-all-components');
  });
  test('the Windows install listing it: a warning on its components', () => {
    const text = kms(
      KMS_BASE_STEPS.map((s) =>
        s.replace('joinDomain: false', 'joinDomain: false, components: [certificate-authority]'),
      ),
      roles,
    );
    const d = expectAt(text, 'kms-ca-from-system-state', 'components: «[certificate-authority]»');
    assertNames(d, 'reinstall-windows');
  });
  test('fixed: the certificate authority left to System State', () =>
    silent(kms(KMS_BASE_STEPS, roles), 'kms-ca-from-system-state'));
  test('only when the server was a certificate authority', () => {
    assert.equal(diagnosticsOf(kms(withCa(KMS_BASE_STEPS)), 'kms-ca-from-system-state').length, 0);
  });
});

describe('srs and kms: closed loopholes and uncovered facts', () => {
  const restartAt = (steps: string[], before: string) =>
    insertBefore(steps, before, step('early-restart', 'server.restart'));
  test('srs-order: a restart between the database restores and the SRS steps is reported', () => {
    // Article: perform the SRS steps before restarting the server.
    const text = srs(restartAt(SRS_SERVER, 'clear-srsdata'));
    expectOnStepAmong(text, 'srs-order', 'early-restart');
  });
  test('kms-order: a restart between the database restores and the KMS steps is reported', () => {
    const text = kms(restartAt(KMS_BASE_STEPS, 'check-kmsdata'));
    expectOnStepAmong(text, 'kms-order', 'early-restart');
  });
  test('srs-order: the password re-entered before SRS is started is reported', () => {
    const text = srs(moveBefore(SRS_SERVER, 'reset-srs-password', 'start-srs'));
    expectOnStep(text, 'srs-order', 'reset-srs-password', 'start-srs');
  });
  test('requirements-confirmed: the SRS and KMS database backups must be in hand', () => {
    const text = srs(SRS_SERVER.filter((s) => !s.includes('srs-database-backup')));
    assertNames(only(text, 'requirements-confirmed'), 'srs-database-backup');
    const k = kms(KMS_BASE_STEPS.filter((s) => !s.includes('kms-database-backup')));
    assertNames(only(k, 'requirements-confirmed'), 'kms-database-backup');
  });
  test('kms-ca-from-system-state: Certificate Services picked as a Windows component is reported', () => {
    const roles = 'kms, certificate-authority';
    const steps = KMS_BASE_STEPS.map((s) =>
      s.replace('joinDomain: false', 'joinDomain: false, components: [Certificate Services]'),
    );
    expectAt(kms(steps, roles), 'kms-ca-from-system-state', 'components: «[Certificate Services]»');
  });
});
