/** The `runbook lint` command as a user runs it: the built CLI, real files, exit codes, formats. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(__dirname, '../../../out/cli.js');
const fixture = resolve(__dirname, '../fixes/fixtures/member-server.runbook.yaml');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cli-'));
  cpSync(fixture, join(dir, 'good.runbook.yaml'));
  writeFileSync(join(dir, 'bad.runbook.yaml'), readFileSync(fixture, 'utf8').replace(' /disasterrecovery', ''));
  writeFileSync(join(dir, 'notes.yaml'), 'not: a runbook\n');
  return dir;
}

test('exit 0 and a summary when every runbook is clean', () => {
  const dir = workspace();
  const r = run(['lint', 'good.runbook.yaml'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /1 file checked: 0 errors, 0 warnings/);
});

test('exit 1 with file:line:col, severity, message and rule id in text format; folders are searched', () => {
  const dir = workspace();
  const r = run(['lint', '.'], dir);
  assert.equal(r.code, 1);
  const line =
    readFileSync(join(dir, 'bad.runbook.yaml'), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('commandLine:')) + 1;
  assert.match(
    r.out,
    new RegExp(`^bad\\.runbook\\.yaml:${line}:\\d+: error: .*/disasterrecovery.* \\[dr-setup-switch\\]$`, 'm'),
  );
  assert.match(r.out, /2 files checked: 1 error/);
  assert.doesNotMatch(r.out, /notes\.yaml/, 'only *.runbook.yaml files are linted');
});

test('--format json prints a versioned object whose problems have 1-based positions', () => {
  const dir = workspace();
  const r = run(['lint', 'bad.runbook.yaml', '--format', 'json'], dir);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.out);
  assert.equal(report.version, 1);
  assert.deepEqual(report.files, ['bad.runbook.yaml']);
  assert.deepEqual(report.summary, { errors: 1, warnings: 0, infos: 0, hints: 0 });
  const problems = report.problems;
  assert.equal(problems.length, 1);
  assert.deepEqual(Object.keys(problems[0]).sort(), [
    'code',
    'column',
    'endColumn',
    'endLine',
    'file',
    'line',
    'message',
    'severity',
  ]);
  assert.equal(problems[0].code, 'dr-setup-switch');
  assert.equal(problems[0].severity, 'error');
  assert.ok(problems[0].line > 1 && problems[0].column >= 1);
});

test('--format sarif is SARIF 2.1.0 with rule metadata and regions', () => {
  const dir = workspace();
  const r = run(['lint', 'bad.runbook.yaml', '--format=sarif'], dir);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.out);
  assert.equal(sarif.version, '2.1.0');
  const [runResult] = sarif.runs;
  assert.equal(runResult.tool.driver.name, 'runbook');
  const rules = runResult.tool.driver.rules;
  const result = runResult.results[0];
  assert.equal(rules[result.ruleIndex].id, 'dr-setup-switch');
  assert.match(rules[result.ruleIndex].helpUri, /docs\/rules\/dr-setup-switch\.md$/);
  assert.equal(result.level, 'error');
  assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, {
    uri: 'bad.runbook.yaml',
    uriBaseId: '%SRCROOT%',
  });
});

test('--format github prints workflow annotations', () => {
  const dir = workspace();
  const r = run(['lint', 'bad.runbook.yaml', '--format', 'github'], dir);
  assert.equal(r.code, 1);
  assert.match(
    r.out,
    /^::error file=bad\.runbook\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=dr-setup-switch::.+$/m,
  );
});

test('globs select files', () => {
  const dir = workspace();
  mkdirSync(join(dir, 'sub'));
  cpSync(join(dir, 'bad.runbook.yaml'), join(dir, 'sub', 'deep.runbook.yml'));
  const r = run(['lint', 'sub/**/*.runbook.yml', '--format', 'json'], dir);
  assert.deepEqual(
    JSON.parse(r.out).problems.map((p: { file: string }) => p.file),
    ['sub/deep.runbook.yml'],
  );
});

test('exit 2 on usage and I/O errors, with a message on stderr', () => {
  const dir = workspace();
  for (const args of [
    ['lint', 'missing.runbook.yaml'],
    ['lint', '--format', 'xml'],
    ['frobnicate'],
    ['lint', '--colour'],
  ]) {
    const r = run(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
    assert.match(r.err, /^runbook: /);
  }
});

test('.runbookrc.json sets severities with the same keys as the editor settings', () => {
  const dir = workspace();
  writeFileSync(join(dir, '.runbookrc.json'), JSON.stringify({ rules: { 'dr-setup-switch': 'warning' } }));
  const r = run(['lint', 'bad.runbook.yaml', '--format', 'json'], dir);
  assert.equal(r.code, 0, 'a warning alone does not fail the run');
  assert.equal(JSON.parse(r.out).problems[0].severity, 'warning');
  writeFileSync(join(dir, '.runbookrc.json'), JSON.stringify({ rules: { 'dr-setup-switch': 'loud' } }));
  assert.equal(run(['lint', 'bad.runbook.yaml'], dir).code, 2);
});

test('team rule packs in .runbook/rules are used, and their own problems are reported', () => {
  const dir = workspace();
  mkdirSync(join(dir, '.runbook', 'rules'), { recursive: true });
  writeFileSync(
    join(dir, '.runbook', 'rules', 'contoso.yaml'),
    [
      'pack: 1',
      'rules:',
      '  - id: contoso/final-smoke-test',
      '    kind: requires',
      '    severity: error',
      '    summary: End with a smoke test.',
      '    message: Add a manual smoke test step.',
      '    step: { action: manual, with: { check: smoke-test } }',
      '',
    ].join('\n'),
  );
  const r = run(['lint', 'good.runbook.yaml', '--format', 'json'], dir);
  assert.equal(r.code, 1);
  assert.deepEqual(
    JSON.parse(r.out).problems.map((p: { code: string }) => p.code),
    ['contoso/final-smoke-test'],
  );
  writeFileSync(join(dir, '.runbook', 'rules', 'broken.yaml'), 'pack: 2\nrules: []\n');
  const broken = JSON.parse(run(['lint', 'good.runbook.yaml', '--format', 'json'], dir).out);
  assert.ok(
    broken.problems.some(
      (p: { file: string; code: string; line: number }) =>
        p.file === join('.runbook', 'rules', 'broken.yaml') && p.code === 'rule-pack' && p.line === 1,
    ),
  );
});
