/**
 * The CLI as someone outside this repository gets it: `scripts/pack-cli.mjs` packs the npm
 * package, which installs into an empty folder with npm's network closed (`--offline`, and a
 * registry address that answers nothing), and `runbook lint`, `run` and `report` work there.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const fixture = readFileSync(join(root, 'test/unit/fixes/fixtures/member-server.runbook.yaml'), 'utf8');
let work: string;
let tarball: string;
let project: string;

/** npm with no way to reach a registry: offline, an unroutable registry, an empty cache of its own. */
function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--cache', join(work, 'npm-cache')], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_update_notifier: 'false' },
  });
}

function runbook(args: string[], env: NodeJS.ProcessEnv = {}) {
  const bin = join(project, 'node_modules', '.bin', 'runbook');
  const r = spawnSync(bin, args, { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr };
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'runbook-pack-'));
  tarball = execFileSync(process.execPath, [join(root, 'scripts/pack-cli.mjs'), work], { encoding: 'utf8' }).trim();
  project = join(work, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), '{ "name": "someone-elses-project", "private": true }\n');
  npm(['install', tarball], project);
});
after(() => rmSync(work, { recursive: true, force: true }));

test('the tarball holds the bundle, the bin, the docs, and declares no dependency', () => {
  const list = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).split('\n');
  for (const f of [
    'package/bin/runbook.js',
    'package/dist/runbook.js',
    'package/dist/docs/rules/dr-setup-switch.md',
    'package/README.md',
  ])
    assert.ok(list.includes(f), f);
  assert.ok(!list.some((f) => f.includes('/src/') || f.endsWith('.ts')), 'no sources');
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules/runbook-studio-cli/package.json'), 'utf8'));
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies), [
    'runbook-studio-cli',
  ]);
  console.log(`# tarball ${(statSync(tarball).size / 1024).toFixed(0)} KiB`);
});

test('runbook lint works in the installed folder', () => {
  writeFileSync(join(project, 'good.runbook.yaml'), fixture);
  writeFileSync(join(project, 'bad.runbook.yaml'), fixture.replace(' /disasterrecovery', ''));
  const clean = runbook(['lint', 'good.runbook.yaml']);
  assert.equal(clean.code, 0, clean.err);
  const bad = runbook(['lint', '.', '--format', 'json']);
  assert.equal(bad.code, 1, bad.err);
  const report = JSON.parse(bad.out);
  assert.deepEqual(report.files, ['bad.runbook.yaml', 'good.runbook.yaml'], 'node_modules is not searched');
  assert.deepEqual(
    report.problems.map((p: { code: string }) => p.code),
    ['dr-setup-switch'],
  );
});

test('runbook explain prints a page shipped in the package', () => {
  const r = runbook(['explain', 'dr-setup-switch']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^# `dr-setup-switch`/);
});

test('runbook run start, tick, and report work in the installed folder', () => {
  const start = runbook(['run', 'start', 'good.runbook.yaml', '--rehearsal'], { RUNBOOK_OPERATOR: 'Ana' });
  assert.equal(start.code, 0, start.err);
  assert.ok(existsSync(join(project, start.out)), start.out);
  const first = readFileSync(join(project, 'good.runbook.yaml'), 'utf8').match(/- id: (\S+)/)![1];
  const tick = runbook(['run', 'tick', start.out, first], { RUNBOOK_OPERATOR: 'Ana' });
  assert.equal(tick.code, 0, tick.err);
  const report = runbook(['report', start.out, '--format', 'json']);
  assert.equal(report.code, 0, report.err);
  const steps = JSON.parse(report.out).steps as { id: string; status: string; by?: string }[];
  assert.deepEqual(
    steps.filter((s) => s.status === 'done').map((s) => [s.id, s.by]),
    [[first, 'Ana']],
  );
});
