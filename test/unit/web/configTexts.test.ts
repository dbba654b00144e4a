/** `.runbookrc.json` in the web worker server: the walk of node/configFiles.ts over URIs the client read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configScopes } from '../../../server/src/configTexts';

const ROOT = 'vscode-vfs://github/org/repo';
const file = (dir: string, rules: object, root = false) => ({
  uri: `${ROOT}${dir}/.runbookrc.json`,
  text: JSON.stringify(root ? { root, rules } : { rules }),
});

test('files from the workspace folder down to the runbook apply, the nearest winning per rule', () => {
  const scopes = configScopes(
    {
      files: [
        file('', { 'dr-setup-switch': 'off', 'prefer-online-full': 'warning' }),
        file('/site', { 'prefer-online-full': 'off' }),
        file('/elsewhere', { 'dr-setup-switch': 'error' }),
      ],
      repositoryRoots: [],
    },
    [ROOT],
  );
  assert.deepEqual(scopes.severitiesOf(`${ROOT}/site/a/x.runbook.yaml`), {
    'dr-setup-switch': 'off',
    'prefer-online-full': 'off',
  });
  assert.deepEqual(scopes.severitiesOf(`${ROOT}/x.runbook.yaml`), {
    'dr-setup-switch': 'off',
    'prefer-online-full': 'warning',
  });
  assert.equal(scopes.severitiesOf('vscode-vfs://github/org/other/x.runbook.yaml'), undefined);
});

test('the walk stops at "root": true and at a repository root', () => {
  const files = [file('', { 'dr-setup-switch': 'off' }), file('/sub', { 'prefer-online-full': 'off' }, true)];
  assert.deepEqual(configScopes({ files, repositoryRoots: [] }, [ROOT]).severitiesOf(`${ROOT}/sub/x.runbook.yaml`), {
    'prefer-online-full': 'off',
  });
  const nested = [file('', { 'dr-setup-switch': 'off' }), file('/vendored', { 'prefer-online-full': 'off' })];
  assert.deepEqual(
    configScopes({ files: nested, repositoryRoots: [`${ROOT}/vendored`] }, [ROOT]).severitiesOf(
      `${ROOT}/vendored/x.runbook.yaml`,
    ),
    { 'prefer-online-full': 'off' },
  );
});

test('a broken file is read as empty and gets one diagnostic saying so; a good one gets none', () => {
  const bad = { uri: `${ROOT}/.runbookrc.json`, text: '{ "rules": ' };
  const good = file('/site', { 'prefer-online-full': 'off' });
  const scopes = configScopes({ files: [bad, good], repositoryRoots: [] }, [ROOT]);
  assert.equal(scopes.diagnostics.get(bad.uri)?.length, 1);
  assert.match(String(scopes.diagnostics.get(bad.uri)![0].message), /not valid JSON.*read as empty/);
  assert.deepEqual(scopes.diagnostics.get(good.uri), []);
  assert.deepEqual(scopes.severitiesOf(`${ROOT}/site/x.runbook.yaml`), { 'prefer-online-full': 'off' });
});
