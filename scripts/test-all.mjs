// Runs every test suite (`npm test`) or the ones named: unit, lsp, webview, e2e.
// Each suite's own output streams through; a last line sums them up as
// "N passed, N failed, N skipped" so a skipped suite can never pass for a green one.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function files(dir, pattern) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, pattern));
    else if (pattern.test(name)) out.push(p);
  }
  return out.sort();
}

const nodeSuite = (dir) => () => {
  const list = files(dir, /\.test\.ts$/);
  return list.length
    ? {
        cmd: process.execPath,
        args: [
          '--import',
          'tsx',
          '--test',
          '--test-concurrency=1',
          '--test-reporter=spec',
          '--test-reporter-destination=stdout',
          '--test-reporter=tap',
          '--test-reporter-destination=TAP',
          ...list,
        ],
        tap: true,
      }
    : undefined;
};

const SUITES = {
  unit: nodeSuite('test/unit'),
  lsp: nodeSuite('test/lsp'),
  webview: nodeSuite('test/webview'),
  e2e: () =>
    existsSync('test/e2e/code-server-launcher.mjs')
      ? { cmd: process.execPath, args: ['test/e2e/code-server-launcher.mjs'], tap: false }
      : undefined,
  // The web build (package.json `browser`) in code-server's web worker extension host, offline.
  'e2e-web': () =>
    existsSync('test/e2e/code-server-launcher.mjs')
      ? {
          cmd: process.execPath,
          args: ['test/e2e/code-server-launcher.mjs'],
          env: { RUNBOOK_E2E_HOST: 'web' },
          tap: false,
        }
      : undefined,
  // Desktop VS Code: runs where a build is present (users' CI); here it reports itself skipped.
  'e2e-desktop': () => ({ cmd: process.execPath, args: ['test/e2e/electron-launcher.mjs'], tap: false }),
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SUITES);
const totals = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
let failedSuites = 0;

for (const name of wanted) {
  const make = SUITES[name];
  if (!make) {
    console.error(`Unknown suite '${name}'; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  const spec = make();
  if (!spec) {
    console.log(`\n== ${name}: no tests found`);
    summary.push(`${name}: no tests`);
    failedSuites++;
    continue;
  }
  const tapFile = join(mkdtempSync(join(tmpdir(), 'runbook-tests-')), 'out.tap');
  const args = spec.args.map((a) => a.replace(/=TAP$/, `=${tapFile}`));
  console.log(`\n== ${name}`);
  let captured = '';
  const code = await new Promise((resolve) => {
    const child = spawn(spec.cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...spec.env } });
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      captured += d;
    });
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      captured += d;
    });
    child.on('close', (c) => resolve(c ?? 1));
  });
  let counts;
  if (spec.tap && existsSync(tapFile)) {
    const tap = readFileSync(tapFile, 'utf8');
    const n = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
    counts = { passed: n('pass'), failed: n('fail') + n('cancelled'), skipped: n('skipped') + n('todo') };
  } else {
    // The e2e launchers print mocha's summary ("N passing", "N failing", "N pending"),
    // or a SKIPPED banner when no editor build exists: a skip is counted as one, never as a pass.
    const n = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(captured)?.[1] ?? 0);
    if (/SKIPPED/.test(captured) && !/\d+ passing/.test(captured)) counts = { passed: 0, failed: 0, skipped: 1 };
    else counts = { passed: n('passing'), failed: n('failing'), skipped: n('pending') };
  }
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  if (code !== 0) failedSuites++;
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  summary.push(
    `${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${code !== 0 ? ' (exit ' + code + ')' : ''}`,
  );
}

console.log('\n== summary');
for (const line of summary) console.log(`  ${line}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSuites || totals.failed ? 1 : 0);
