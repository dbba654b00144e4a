/**
 * SARIF output as code scanning reads it: valid against the official SARIF 2.1.0 schema (the copy
 * shipped in @microsoft/jest-sarif), locations relative to %SRCROOT% and percent-encoded whatever
 * folder the command ran from, and every rule described in full.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';

const cli = resolve(__dirname, '../../../out/cli.js');
const fixture = readFileSync(resolve(__dirname, '../fixes/fixtures/member-server.runbook.yaml'), 'utf8');
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
);

function sarifFrom(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'lint', ...args, '--format', 'sarif'], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  return JSON.parse(r.stdout);
}

/** A repository with a runbook in a folder whose name needs encoding. */
function repo(): { root: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), 'runbook-sarif-'));
  mkdirSync(join(root, '.git'));
  const folder = join(root, 'site #2', 'Zürich 100%');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'bad.runbook.yaml'), fixture.replace(' /disasterrecovery', ''));
  return { root, folder };
}

test('the SARIF log validates against the SARIF 2.1.0 schema', () => {
  const { root } = repo();
  const log = sarifFrom(root, ['.']);
  const broken = structuredClone(log);
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // The validator really looks: a result without a message is refused.
  delete broken.runs[0].results[0].message;
  assert.equal(validate(broken), false);
});

test('locations are %SRCROOT%-relative and percent-encoded, the same from any folder', () => {
  const { root, folder } = repo();
  const fromRoot = sarifFrom(root, ['.']);
  const fromFolder = sarifFrom(folder, ['bad.runbook.yaml']);
  for (const log of [fromRoot, fromFolder]) {
    const run = log.runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(root + '/').href } });
    assert.deepEqual(run.results[0].locations[0].physicalLocation.artifactLocation, {
      uri: 'site%20%232/Z%C3%BCrich%20100%25/bad.runbook.yaml',
      uriBaseId: '%SRCROOT%',
    });
  }
});

test('every rule carries description, help, default level and tags', () => {
  const { root } = repo();
  const rules = sarifFrom(root, ['.']).runs[0].tool.driver.rules;
  assert.ok(rules.length > 40, 'all rules, not only those that fired');
  for (const rule of rules) {
    assert.ok(rule.shortDescription.text, rule.id);
    assert.ok(rule.fullDescription.text, rule.id);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
    assert.ok(rule.properties.tags.includes('runbook'), rule.id);
  }
  const rule = rules.find((r: { id: string }) => r.id === 'dr-setup-switch');
  assert.equal(rule.defaultConfiguration.level, 'error');
  assert.match(rule.fullDescription.text, /Disaster Recovery mode/);
  assert.match(rule.help.markdown, /## How to fix it/);
  assert.match(rule.helpUri, /dr-setup-switch\.md$/);
});
