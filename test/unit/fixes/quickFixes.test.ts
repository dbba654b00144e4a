/**
 * Every quick fix: apply its edit, lint again, the problem is gone and no new error appears.
 * Broken runbooks are derived from one clean full-server runbook, one mistake at a time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../../core/service';
import { actionsFor, applyLspEdits, assertFixes, URI } from './applyFix';
import { moveAfter, removeStep, replaceOnce } from './mutate';

const clean = readFileSync(join(__dirname, 'fixtures/member-server.runbook.yaml'), 'utf8');

test('the fixture itself is clean', () => {
  assert.deepEqual(
    createLanguageService()
      .lint(clean)
      .map((f) => f.code),
    [],
  );
});

const cases: { name: string; code: string; broken: () => string; expect?: RegExp }[] = [
  {
    name: 'adds /disasterrecovery',
    code: 'dr-setup-switch',
    broken: () => replaceOnce(clean, ' /disasterrecovery', ''),
    expect: /setup\.exe \/disasterrecovery/,
  },
  {
    name: 'moves a late Information Store check before the restore',
    code: 'store-running-before-restore',
    broken: () => moveAfter(clean, 'check-store-running', 'restore-stores'),
  },
  {
    name: 'inserts a missing Information Store check',
    code: 'store-running-before-restore',
    broken: () => removeStep(clean, 'check-store-running'),
    expect: /action: store\.verify-running/,
  },
  {
    name: 'sets lastRestoreSet on the last restore',
    code: 'last-restore-set-final',
    broken: () => replaceOnce(clean, 'lastRestoreSet: true', 'lastRestoreSet: false'),
    expect: /lastRestoreSet: true/,
  },
  {
    name: 'replaces an unknown action with the suggestion',
    code: 'unknown-action',
    broken: () => replaceOnce(clean, 'action: store.verify-running', 'action: store.verify-runing'),
  },
  {
    name: 'inserts missing prerequisite confirmations',
    code: 'requirements-confirmed',
    broken: () => removeStep(clean, 'confirm-media'),
    expect: /item: install-media/,
  },
  {
    name: 'copies the server name from the inventory',
    code: 'windows-same-identity',
    broken: () => replaceOnce(clean, /serverName: EXCH01\n(\s+)edition/, 'serverName: EXCH02\n$1edition'),
  },
  {
    name: 'copies the Exchange path from the inventory',
    code: 'dr-setup-same-path',
    broken: () => replaceOnce(clean, /installPath: D:\\Program Files\\Exchsrvr/, 'installPath: C:\\Exchsrvr'),
  },
  {
    name: 'copies the components from the inventory',
    code: 'dr-setup-all-components',
    broken: () =>
      replaceOnce(
        clean,
        /components: \[messaging-and-collaboration, system-management-tools\]\n(\s+)installPath/,
        'components: [messaging-and-collaboration]\n$1installPath',
      ),
  },
  {
    name: 'sets joinDomain to false',
    code: 'windows-standalone',
    broken: () => replaceOnce(clean, 'joinDomain: false', 'joinDomain: true'),
    expect: /joinDomain: false/,
  },
  {
    name: 'inserts the server-object check',
    code: 'server-object-before-setup',
    broken: () => removeStep(clean, 'check-server-object'),
  },
  {
    name: 'inserts the restart after System State',
    code: 'restart-after-system-state',
    broken: () => removeStep(clean, 'restart-after-system-state'),
  },
  {
    name: 'moves updates back before System State',
    code: 'updates-after-windows',
    broken: () => moveAfter(clean, 'reinstall-updates', 'restore-system-state'),
  },
  {
    name: 'moves System State before DR Setup',
    code: 'system-state-before-dr-setup',
    broken: () => moveAfter(clean, 'run-dr-setup', 'check-server-object'),
  },
  {
    name: 'inserts a verify-mounted step',
    code: 'verify-mounted-after-restore',
    broken: () => removeStep(clean, 'verify-stores-mounted'),
  },
  {
    name: 'inserts a dismount before the restore',
    code: 'dismount-before-restore',
    broken: () => removeStep(clean, 'dismount-stores'),
  },
  {
    name: 'inserts a copy of the current files',
    code: 'copy-before-restore',
    broken: () => removeStep(clean, 'copy-leftover-files'),
  },
  {
    name: 'moves a restart out from between Setup and the restores',
    code: 'no-restart-before-databases',
    broken: () => moveAfter(clean, 'restart-after-system-state', 'run-dr-setup'),
  },
  {
    name: 'replaces an unknown after: reference',
    code: 'unknown-step-reference',
    broken: () => replaceOnce(clean, /  - id: mount-stores\n/, '  - id: mount-stores\n    after: [restore-store]\n'),
  },
  {
    name: 'renames a duplicate step id',
    code: 'duplicate-step-id',
    broken: () => replaceOnce(clean, 'id: mount-stores', 'id: restore-stores'),
  },
  {
    name: 'moves a step that after: names to before it',
    code: 'after-points-forward',
    broken: () =>
      replaceOnce(clean, /  - id: check-disk-room\n/, '  - id: check-disk-room\n    after: [dismount-stores]\n'),
  },
  {
    name: 'replaces an unknown storage group',
    code: 'unknown-storage-group',
    broken: () =>
      replaceOnce(
        clean,
        /storageGroup: First Storage Group\n(\s+)databases: \[Mailbox Store \(EXCH01\), Public Folder Store \(EXCH01\)\]\n(\s+)destination/,
        'storageGroup: First Storage Grop\n$1databases: [Mailbox Store (EXCH01), Public Folder Store (EXCH01)]\n$2destination',
      ),
  },
  {
    name: 'replaces an unknown database',
    code: 'unknown-database',
    broken: () =>
      replaceOnce(
        clean,
        /databases: \[Mailbox Store \(EXCH01\), Public Folder Store \(EXCH01\)\]\n(\s+)destination/,
        'databases: [Mailbox Store (EXCH1), Public Folder Store (EXCH01)]\n$1destination',
      ),
  },
  {
    name: 'renames a misspelt key',
    code: 'schema',
    broken: () => replaceOnce(clean, '    notes:', '    note:'),
    expect: /\n    notes:/,
  },
  {
    name: 'replaces a misspelt enum value',
    code: 'schema',
    broken: () => replaceOnce(clean, 'backupSet: full', 'backupSet: ful'),
    expect: /backupSet: full/,
  },
  {
    name: 'adds the .stm file next to its .edb',
    code: 'edb-stm-together',
    broken: () =>
      replaceOnce(clean, 'ntbackupVersion: 5.0.2195.6687', 'ntbackupVersion: 5.0.2195.6687\n      files: [priv1.edb]'),
    expect: /files: \[priv1\.edb, priv1\.stm\]/,
  },
  {
    name: 'removes an unused suppression',
    code: 'unused-suppression',
    broken: () =>
      replaceOnce(
        clean,
        '  - id: final-restart',
        '  # runbook-disable-next-line dr-setup-switch -- not needed\n  - id: final-restart',
      ),
    expect: /^(?![\s\S]*runbook-disable)/,
  },
];

for (const c of cases) {
  test(`quick fix for ${c.code}: ${c.name}`, () => {
    const fixed = assertFixes(c.broken(), c.code);
    if (c.expect) assert.match(fixed, c.expect);
  });
}

test('backing up part of a storage group: the fix backs up the whole group', () => {
  const text = [
    'runbook: 1',
    'title: Nightly backup',
    'scenario: backup',
    'server:',
    '  name: EXCH01',
    '  storageGroups:',
    '    - name: SG1',
    '      databases: [DB1, DB2]',
    'steps:',
    '  - id: back-up',
    '    action: backup.run',
    '    with: { type: full, mode: online, storageGroup: SG1, databases: [DB1] }',
    '  - id: read-log',
    '    action: backup.verify-log',
    '  - id: trial-restore',
    '    action: backup.verify-restore',
    '    with: { targetServer: LAB01 }',
    '',
  ].join('\n');
  const fixed = assertFixes(text, 'backup-whole-storage-group');
  assert.match(fixed, /with: \{ type: full, mode: online, storageGroup: SG1 \}/);
});

test('fix all: every wrong windows identity value in one edit', () => {
  const broken = replaceOnce(
    replaceOnce(clean, 'edition: Windows 2000 Advanced Server', 'edition: Windows 2000 Server'),
    /systemPath: C:\\WINNT\n(\s+)joinDomain/,
    'systemPath: D:\\WINNT\n$1joinDomain',
  );
  const { actions } = actionsFor(broken, 'windows-same-identity');
  const all = actions.find((a) => /Fix all 'windows-same-identity'/.test(a.title));
  assert.ok(all, actions.map((a) => a.title).join(' | '));
  const fixed = applyLspEdits(broken, all.edit!.changes![URI]);
  assert.deepEqual(
    createLanguageService()
      .lint(fixed)
      .map((f) => f.code),
    [],
  );
});

test('source.fixAll applies only local fixes and fixes what it can', () => {
  const broken = replaceOnce(
    replaceOnce(clean, ' /disasterrecovery', ''),
    'lastRestoreSet: true',
    'lastRestoreSet: false',
  );
  const service = createLanguageService();
  const [fixAll] = service.codeActions(
    URI,
    broken,
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    [],
    ['source.fixAll'],
  );
  assert.ok(fixAll);
  const fixed = applyLspEdits(broken, fixAll.edit!.changes![URI]);
  assert.deepEqual(
    service.lint(fixed).map((f) => f.code),
    [],
  );
});

test('source.fixAll leaves a problem whose fix moves or inserts steps', () => {
  const broken = removeStep(replaceOnce(clean, ' /disasterrecovery', ''), 'check-store-running');
  const service = createLanguageService();
  assert.deepEqual(
    service
      .lint(broken)
      .map((f) => f.code)
      .sort(),
    ['dr-setup-switch', 'store-running-before-restore'],
  );
  const [fixAll] = service.codeActions(
    URI,
    broken,
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    [],
    ['source.fixAll'],
  );
  assert.ok(fixAll);
  const fixed = applyLspEdits(broken, fixAll.edit!.changes![URI]);
  assert.deepEqual(
    service.lint(fixed).map((f) => f.code),
    ['store-running-before-restore'],
  );
});

test('every diagnostic offers a disable-for-this-line action that silences it with a reason placeholder', () => {
  const broken = replaceOnce(clean, ' /disasterrecovery', '');
  const { actions } = actionsFor(broken, 'dr-setup-switch');
  const disable = actions.find((a) => a.title === "Disable 'dr-setup-switch' for this line")!;
  const fixed = applyLspEdits(broken, disable.edit!.changes![URI]);
  assert.match(fixed, /# runbook-disable-next-line dr-setup-switch -- <reason>\n\s+commandLine/);
  assert.deepEqual(
    createLanguageService()
      .lint(fixed)
      .map((f) => f.code),
    [],
  );
});

test('every diagnostic of every broken runbook above offers that action, and it silences that diagnostic', () => {
  const service = createLanguageService();
  let checked = 0;
  for (const c of cases) {
    const broken = c.broken();
    const { diagnostics } = service.analyze(URI, broken);
    for (const d of diagnostics) {
      const code = String(d.code);
      if (code.includes('suppression')) continue; // a directive is not disabled by another one
      const title = `Disable '${code}' for this line`;
      const disable = service.codeActions(URI, broken, d.range, [d]).find((a) => a.title === title);
      assert.ok(disable, `${c.name}: no '${title}' for ${code} at line ${d.range.start.line + 1}`);
      const fixed = applyLspEdits(broken, disable.edit!.changes![URI]);
      const left = service.analyze(URI, fixed).diagnostics.filter((x) => x.code === code && x.message === d.message);
      assert.deepEqual(
        left.map((x) => x.message),
        [],
        `${c.name}: '${title}' left it`,
      );
      checked++;
    }
  }
  assert.ok(checked >= cases.length - 1, `only ${checked} diagnostics checked`);
});
