/** Full server recovery. The base is MEMBER_SERVER, a clean rebuild of EXCH01. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INVENTORY,
  MEMBER_SERVER,
  PREREQS,
  RESTORE_SG1,
  assertNames,
  clean,
  assertAt,
  diagnostics,
  diagnosticsOf,
  edit,
  expectAt,
  expectOnStep,
  idOf,
  insertAfter,
  insertBefore,
  listing,
  moveAfter,
  moveBefore,
  runbook,
  silent,
  step,
  without,
} from './helpers';

const rb = (steps: string[], server?: string) => runbook({ scenario: 'member-server', server, steps });
const BASE = rb(MEMBER_SERVER);
const DC_INVENTORY = INVENTORY.replace('domainController: false', 'domainController: true');
/** A domain controller's System State backup carries Active Directory (system-state-includes-ad). */
const DC_STEPS = MEMBER_SERVER.map((s) => s.replace('includesActiveDirectory: false', 'includesActiveDirectory: true'));

describe('full server fixtures', () => {
  test('the member-server fixture is clean', () => clean(BASE));
  test('so is the same rebuild as an srs-server or kms-server scenario, apart from their own steps', () => {
    for (const [scenario, own] of [
      ['srs-server', 'srs-steps-required'],
      ['kms-server', 'kms-steps-required'],
    ]) {
      const backup = `${scenario.slice(0, 3)}-database-backup`;
      const confirm = step(`confirm-${backup}`, 'prereq.confirm', `item: ${backup}`);
      const text = runbook({ scenario, steps: insertBefore(MEMBER_SERVER, 'check-server-object', confirm) });
      const all = diagnostics(text);
      assert.ok(all.length > 0, `${scenario}: its own steps are missing, so '${own}' must report`);
      assert.deepEqual([...new Set(all.map((d) => d.code))], [own], `${scenario}:\n${listing(text, all)}`);
    }
  });
});

describe('requirements-confirmed', () => {
  test('no confirmations: a warning on `steps` listing every item', () => {
    const d = expectAt(rb(without(MEMBER_SERVER, ...PREREQS.map(idOf))), 'requirements-confirmed', '«steps»:');
    assertNames(
      d,
      'replacement-hardware',
      'install-media',
      'system-drive-backup',
      'exchange-database-backup',
      'system-state-backup',
    );
    assert.equal(d.severity, 2);
  });
  test('one confirmation missing: only that item is named', () => {
    const d = expectAt(rb(without(MEMBER_SERVER, 'confirm-system-state-backup')), 'requirements-confirmed', '«steps»:');
    assertNames(d, 'system-state-backup');
    assert.doesNotMatch(d.message, /install-media/);
  });
  test('a confirmation after the work started: reported on it, related to the first work step', () => {
    const text = rb(moveAfter(MEMBER_SERVER, 'confirm-install-media', 'reinstall-windows'));
    expectOnStep(text, 'requirements-confirmed', 'confirm-install-media', 'check-server-object');
  });
  test('fixed: every item confirmed first', () => silent(BASE, 'requirements-confirmed'));
  test('a database restore runbook is not asked for them', () =>
    silent(runbook({ steps: RESTORE_SG1 }), 'requirements-confirmed'));
});

describe('restore-ad-first', () => {
  const adRestore = step('restore-directory', 'ad.restore');
  test('a domain controller with no `ad.restore`: reported once, on the first step that needs the directory', () => {
    const d = expectAt(rb(DC_STEPS, DC_INVENTORY), 'restore-ad-first', 'id: «check-server-object»');
    assertNames(d, 'check-server-object', 'ad.restore');
  });
  test('`ad.restore` after an Exchange step: related to it', () => {
    const steps = moveBefore(DC_STEPS, 'check-server-object', 'run-dr-setup');
    const text = rb(insertAfter(steps, 'run-dr-setup', adRestore), DC_INVENTORY);
    expectOnStep(text, 'restore-ad-first', 'check-server-object', 'restore-directory');
  });
  test('loophole closed: the server object looked up before Active Directory is back', () => {
    const text = rb(insertAfter(DC_STEPS, 'restart-after-system-state', adRestore), DC_INVENTORY);
    expectOnStep(text, 'restore-ad-first', 'check-server-object', 'restore-directory');
  });
  test('fixed: Active Directory restored before every step that needs it', () => {
    const steps = moveAfter(DC_STEPS, 'check-server-object', 'restart-after-system-state');
    clean(rb(insertAfter(steps, 'restart-after-system-state', adRestore), DC_INVENTORY));
  });
  test('a member server needs no `ad.restore`', () => silent(BASE, 'restore-ad-first'));
});

describe('windows-standalone', () => {
  test('`joinDomain: true`: reported on the value', () => {
    const d = expectAt(edit(BASE, 'joinDomain: false', 'joinDomain: true'), 'windows-standalone', 'joinDomain: «true»');
    assertNames(d, 'reinstall-windows', 'joinDomain: false');
  });
  test('`joinDomain` missing: reported on the step', () => {
    const d = expectAt(edit(BASE, ', joinDomain: false', ''), 'windows-standalone', 'id: «reinstall-windows»');
    assertNames(d, 'reinstall-windows');
  });
  test('a domain join before the System State restore: reported on the join, related to the restore', () => {
    const text = rb(
      insertAfter(
        MEMBER_SERVER,
        'reinstall-updates',
        step('join-domain', 'windows.join-domain', 'domain: corp.example.com'),
      ),
    );
    expectOnStep(text, 'windows-standalone', 'join-domain', 'restore-system-state');
  });
  test('fixed: stand-alone, no early join', () => silent(BASE, 'windows-standalone'));
});

describe('windows-same-identity', () => {
  test('another server name: reported on the name', () => {
    const d = expectAt(
      edit(BASE, 'serverName: EXCH01, edition', 'serverName: EXCH02, edition'),
      'windows-same-identity',
      'serverName: «EXCH02»',
    );
    assertNames(d, 'reinstall-windows', 'EXCH02', 'EXCH01');
  });
  test('another edition: reported on the edition', () => {
    const d = expectAt(
      edit(BASE, 'edition: Windows 2000 Advanced Server', 'edition: Windows 2000 Server'),
      'windows-same-identity',
      'edition: «Windows 2000 Server»',
    );
    assertNames(d, 'reinstall-windows', 'Windows 2000 Advanced Server');
  });
  test('another system folder: reported on the folder', () => {
    const d = expectAt(
      edit(BASE, 'systemPath: C:\\WINNT, joinDomain', 'systemPath: C:\\WINDOWS, joinDomain'),
      'windows-same-identity',
      'systemPath: «C:\\WINDOWS»',
    );
    assertNames(d, 'reinstall-windows', 'C:\\WINNT');
  });
  test('fixed: the inventory identity (case and a trailing backslash do not matter)', () => {
    silent(BASE, 'windows-same-identity');
    silent(
      edit(
        edit(BASE, 'serverName: EXCH01, edition', 'serverName: exch01, edition'),
        'systemPath: C:\\WINNT, joinDomain',
        'systemPath: c:\\winnt\\, joinDomain',
      ),
      'windows-same-identity',
    );
  });
});

describe('updates-after-windows', () => {
  test('updates before Windows: reported on the updates, related to the install', () => {
    const text = rb(moveBefore(MEMBER_SERVER, 'reinstall-updates', 'reinstall-windows'));
    expectOnStep(text, 'updates-after-windows', 'reinstall-updates', 'reinstall-windows');
  });
  test('updates after the System State restore: reported on the restore, related to the updates', () => {
    const text = rb(moveAfter(MEMBER_SERVER, 'reinstall-updates', 'restore-system-state'));
    expectOnStep(text, 'updates-after-windows', 'restore-system-state', 'reinstall-updates');
  });
  test('fixed: Windows, updates, System State', () => silent(BASE, 'updates-after-windows'));
});

describe('system-drive-before-system-state', () => {
  test('the drive after System State: reported on System State, related to the drive', () => {
    const text = rb(moveAfter(MEMBER_SERVER, 'restore-system-drive', 'restore-system-state'));
    expectOnStep(text, 'system-drive-before-system-state', 'restore-system-state', 'restore-system-drive');
  });
  test('fixed: the drive first', () => silent(BASE, 'system-drive-before-system-state'));
});

describe('restart-after-system-state', () => {
  test('no restart between System State and Setup: reported on Setup, related to System State', () => {
    const text = rb(without(MEMBER_SERVER, 'restart-after-system-state'));
    expectOnStep(text, 'restart-after-system-state', 'run-dr-setup', 'restore-system-state');
  });
  test('a restart before System State does not count', () => {
    const text = rb(moveBefore(MEMBER_SERVER, 'restart-after-system-state', 'restore-system-state'));
    expectAt(text, 'restart-after-system-state', 'id: «run-dr-setup»');
  });
  test('fixed: a restart in between', () => silent(BASE, 'restart-after-system-state'));
});

describe('server-object-before-setup', () => {
  test('no server object check: reported on Setup', () => {
    const d = expectAt(
      rb(without(MEMBER_SERVER, 'check-server-object')),
      'server-object-before-setup',
      'id: «run-dr-setup»',
    );
    assertNames(d, 'run-dr-setup', 'ad.verify-server-object');
  });
  test('the check after Setup: related to it', () => {
    const text = rb(moveAfter(MEMBER_SERVER, 'check-server-object', 'run-dr-setup'));
    expectOnStep(text, 'server-object-before-setup', 'run-dr-setup', 'check-server-object');
  });
  test('fixed: the check first', () => silent(BASE, 'server-object-before-setup'));
});

describe('system-state-before-dr-setup', () => {
  test('Setup before System State: reported on Setup, related to System State', () => {
    const text = rb(moveBefore(MEMBER_SERVER, 'run-dr-setup', 'restore-system-drive'));
    expectOnStep(text, 'system-state-before-dr-setup', 'run-dr-setup', 'restore-system-state');
  });
  test('fixed: System State first', () => silent(BASE, 'system-state-before-dr-setup'));
});

describe('dr-setup-all-components', () => {
  test('a component left out: reported on the list', () => {
    const text = edit(
      BASE,
      'components: [messaging-and-collaboration, system-management-tools], installPath',
      'components: [messaging-and-collaboration], installPath',
    );
    const d = expectAt(text, 'dr-setup-all-components', 'components: «[messaging-and-collaboration]», installPath');
    assertNames(d, 'run-dr-setup', 'system-management-tools');
  });
  test('a component the server did not have: reported', () => {
    const text = edit(BASE, 'system-management-tools], installPath', 'system-management-tools, chat], installPath');
    expectAt(
      text,
      'dr-setup-all-components',
      'components: «[messaging-and-collaboration, system-management-tools, chat]», installPath',
    );
  });
  test('fixed: the same set, in any order', () => {
    silent(BASE, 'dr-setup-all-components');
    silent(
      edit(
        BASE,
        'components: [messaging-and-collaboration, system-management-tools], installPath',
        'components: [system-management-tools, messaging-and-collaboration], installPath',
      ),
      'dr-setup-all-components',
    );
  });
});

describe('dr-setup-same-path', () => {
  test('another folder: reported on the path', () => {
    const text = edit(BASE, 'installPath: D:\\Program Files\\Exchsrvr', 'installPath: C:\\Program Files\\Exchsrvr');
    const d = expectAt(text, 'dr-setup-same-path', 'installPath: «C:\\Program Files\\Exchsrvr»');
    assertNames(d, 'run-dr-setup', 'D:\\Program Files\\Exchsrvr');
  });
  test('fixed: the inventory folder (case and a trailing backslash do not matter)', () => {
    silent(BASE, 'dr-setup-same-path');
    silent(
      edit(BASE, 'installPath: D:\\Program Files\\Exchsrvr', 'installPath: d:\\program files\\exchsrvr\\'),
      'dr-setup-same-path',
    );
  });
});

describe('dr-setup-switch', () => {
  test('a command line without /disasterrecovery: reported on it', () => {
    const d = expectAt(
      edit(BASE, 'commandLine: setup.exe /disasterrecovery', 'commandLine: setup.exe'),
      'dr-setup-switch',
      'commandLine: «setup.exe»',
    );
    assertNames(d, 'run-dr-setup', '/disasterrecovery');
  });
  test('fixed: with the switch, in any case', () => {
    silent(BASE, 'dr-setup-switch');
    silent(
      edit(
        BASE,
        'commandLine: setup.exe /disasterrecovery',
        'commandLine: D:\\setup\\i386\\setup.exe /DisasterRecovery',
      ),
      'dr-setup-switch',
    );
  });
});

describe('databases-after-dr-setup', () => {
  test('a restore before Setup: reported on the restore, related to Setup', () => {
    const text = rb(moveBefore(MEMBER_SERVER, 'run-dr-setup', 'mount-sg1'));
    expectOnStep(text, 'databases-after-dr-setup', 'restore-sg1', 'run-dr-setup');
  });
  test('fixed: Setup first', () => silent(BASE, 'databases-after-dr-setup'));
});

describe('no-restart-before-databases', () => {
  const restart = step('restart-for-setup', 'server.restart');
  test('a restart between Setup and the restore: reported on it, related to both', () => {
    const text = rb(insertAfter(MEMBER_SERVER, 'run-dr-setup', restart));
    expectOnStep(text, 'no-restart-before-databases', 'restart-for-setup', 'run-dr-setup', 'restore-sg1');
  });
  test('fixed: no restart until the databases are back', () => silent(BASE, 'no-restart-before-databases'));
  test('a restart after the last restore is fine', () =>
    silent(rb(insertAfter(MEMBER_SERVER, 'restore-sg1', restart)), 'no-restart-before-databases'));
});

describe('verify-mounted-before-restart', () => {
  test('no verification: reported on the final restart', () => {
    const d = expectAt(
      rb(without(MEMBER_SERVER, 'verify-sg1')),
      'verify-mounted-before-restart',
      'id: «final-restart»',
    );
    assertNames(d, 'final-restart', 'database.verify-mounted');
  });
  test('the verification after the final restart: related to it', () => {
    const text = rb(moveAfter(MEMBER_SERVER, 'verify-sg1', 'final-restart'));
    expectOnStep(text, 'verify-mounted-before-restart', 'final-restart', 'verify-sg1');
  });
  test('fixed: verified, then restarted', () => silent(BASE, 'verify-mounted-before-restart'));
  test('the restart after System State is not the final restart', () => {
    silent(rb(without(MEMBER_SERVER, 'final-restart', 'verify-sg1')), 'verify-mounted-before-restart');
  });
});

describe('full server: article facts that must not be false alarms, and closed loopholes', () => {
  test('requirements-confirmed: opening a ticket or paging someone first is not recovery work', () => {
    // Article (Requirements): the requirements are checked before the restore is attempted; a
    // free-form note does not start it.
    const ticket = step('open-ticket', 'manual', undefined, 'title: Open the incident ticket');
    clean(rb([ticket, ...MEMBER_SERVER]));
  });
  test('an unknown action gives one finding, not also requirements-confirmed on other steps', () => {
    const typo = step('reinstall-windows', 'windows.instal');
    const text = rb(MEMBER_SERVER.map((s) => (idOf(s) === 'reinstall-windows' ? typo : s)));
    assert.deepEqual(
      diagnostics(text).map((d) => d.code),
      ['unknown-action'],
      listing(text),
    );
  });
  test('a repeated check after the final restart is legitimate', () => {
    // Article (Recovering Databases): the store runs before the restore and the databases are
    // verified mounted before the restart; checking again afterwards breaks neither.
    const again = [
      step('check-store-again', 'store.verify-running'),
      step('verify-sg1-again', 'database.verify-mounted', 'storageGroup: SG1'),
    ];
    clean(rb([...MEMBER_SERVER, ...again]));
  });
  test('a database restored twice after a failed first attempt is legitimate', () => {
    const retry = step(
      'restore-sg1-again',
      'database.restore',
      'storageGroup: SG1, backupSet: full, lastRestoreSet: true, tempLogPath: F:\\restore-temp',
    );
    clean(rb(insertAfter(MEMBER_SERVER, 'restore-sg1', retry)));
  });
  test('restart-after-system-state: each System State restore needs its restart, not only the first', () => {
    const second = step('restore-system-state-again', 'backup.restore-system-state', 'includesActiveDirectory: false');
    const text = rb(insertAfter(MEMBER_SERVER, 'restart-after-system-state', second));
    expectOnStep(text, 'restart-after-system-state', 'run-dr-setup', 'restore-system-state-again');
  });
  test('server-object-before-setup: the object looked up must be the one of the server being rebuilt', () => {
    const text = edit(BASE, 'serverName: EXCH01 }', 'serverName: EXCH02 }');
    expectAt(text, 'server-object-before-setup', 'serverName: «EXCH02»');
  });
});

describe('system-state-includes-ad', () => {
  const dcSteps = (includes: string) =>
    insertAfter(
      moveAfter(MEMBER_SERVER, 'check-server-object', 'restart-after-system-state').map((s) =>
        s.replace('includesActiveDirectory: false', includes),
      ),
      'restart-after-system-state',
      step('restore-directory', 'ad.restore'),
    );
  test('a domain controller restoring a System State without Active Directory: reported on the value', () => {
    const text = rb(dcSteps('includesActiveDirectory: false'), DC_INVENTORY);
    expectAt(text, 'system-state-includes-ad', 'includesActiveDirectory: «false»');
  });
  test('the flag missing on a domain controller: reported on the step', () => {
    const text = rb(
      dcSteps('').map((s) => s.replace('with: {  }', 'title: System State')),
      DC_INVENTORY,
    );
    expectAt(text, 'system-state-includes-ad', 'id: «restore-system-state»');
  });
  test('fixed: the backup includes Active Directory', () =>
    clean(rb(dcSteps('includesActiveDirectory: true'), DC_INVENTORY)));
  test('a member server needs nothing', () => silent(BASE, 'system-state-includes-ad'));
});

describe('windows-same-components', () => {
  const withComponents = INVENTORY.replace('roles: []', 'roles: []\nwindowsComponents: [IIS, Networking Services]');
  const install = (components: string) =>
    MEMBER_SERVER.map((s) => s.replace('joinDomain: false', `joinDomain: false, components: [${components}]`));
  test('a component left out: reported on the list, naming what the server had', () => {
    const d = expectAt(rb(install('IIS'), withComponents), 'windows-same-components', 'components: «[IIS]»');
    assertNames(d, 'Networking Services');
  });
  test('fixed: the same components, in any order and spelling of case', () =>
    clean(rb(install('networking services, IIS'), withComponents)));
  test('Certificate Services may be left to the System State', () =>
    silent(
      rb(install('IIS, Networking Services'), withComponents.replace('IIS,', 'IIS, Certificate Services,')),
      'windows-same-components',
    ));
  test('an inventory without windowsComponents is not compared (older runbooks stay valid)', () =>
    silent(rb(install('IIS')), 'windows-same-components'));
});

describe('full-recovery-steps', () => {
  for (const id of ['reinstall-windows', 'restore-system-state', 'run-dr-setup', 'restore-sg1']) {
    test(`without '${id}': reported on \`steps\``, () => {
      const text = rb(
        without(MEMBER_SERVER, id).filter((s) => !(id === 'restore-system-state' && s.includes('restart-after'))),
      );
      const d = diagnosticsOf(text, 'full-recovery-steps');
      assert.equal(d.length, 1, listing(text));
      assertAt(text, d[0], '«steps»:');
    });
  }
  test('fixed: the member server procedure', () => silent(BASE, 'full-recovery-steps'));
});
