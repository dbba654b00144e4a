/**
 * The habits users bring from eslint and actionlint: help everywhere, --version, standard input,
 * --max-warnings, --quiet, -o, colour only where it helps, globs, and no silent skipping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const cli = resolve(__dirname, '../../../out/cli.js');
const fixture = resolve(__dirname, '../fixes/fixtures/member-server.runbook.yaml');
const good = readFileSync(fixture, 'utf8');
const bad = good.replace(' /disasterrecovery', '');
const ESC = '\u001b[';

function run(args: string[], cwd: string, options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env = { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env };
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', input: options.input, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-conv-'));
  writeFileSync(join(dir, 'good.runbook.yaml'), good);
  writeFileSync(join(dir, 'bad.runbook.yaml'), bad);
  return dir;
}

/** The bad runbook's one finding as a warning, so warnings can be counted. */
function warningsOnly(dir: string): void {
  writeFileSync(join(dir, '.runbookrc.json'), JSON.stringify({ rules: { 'dr-setup-switch': 'warning' } }));
}

test('-h and --help print usage with exit 0 for the command and every subcommand', () => {
  const dir = workspace();
  for (const args of [
    ['-h'],
    ['--help'],
    ['lint', '-h'],
    ['lint', '--help'],
    ['run', '-h'],
    ['run', 'start', '-h'],
    ['report', '--help'],
    ['explain', '-h'],
  ]) {
    const r = run(args, dir);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
    assert.match(r.out, /^Usage:/, args.join(' '));
  }
  assert.match(run(['--help'], dir).out, /^ {2}explain {2}/m, 'the overview lists every command');
  const none = run([], dir);
  assert.equal(none.code, 2, 'no command is a usage error');
  assert.match(none.err, /^Usage:/);
});

test('--version prints the package version', () => {
  const version = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')).version;
  const r = run(['--version'], workspace());
  assert.equal(r.code, 0);
  assert.equal(r.out.trim(), version);
});

test("'-' and --stdin read the runbook from standard input; --stdin-filename names it", () => {
  const dir = workspace();
  const plain = run(['lint', '-'], dir, { input: bad });
  assert.equal(plain.code, 1);
  assert.match(plain.out, /^<stdin>:\d+:\d+: error: .*\[dr-setup-switch\]$/m);
  assert.match(plain.out, /1 file checked/);
  const named = run(['lint', '--stdin', '--stdin-filename', 'db/restore.runbook.yaml', '-f', 'json'], dir, {
    input: bad,
  });
  assert.deepEqual(
    JSON.parse(named.out).problems.map((p: { file: string }) => p.file),
    ['db/restore.runbook.yaml'],
  );
  assert.equal(run(['lint', '-'], dir, { input: good }).code, 0);
  assert.equal(run(['lint', '--stdin-filename', 'x.runbook.yaml'], dir).code, 2, 'a name without --stdin is a mistake');
});

test('--max-warnings N fails the run when warnings pass N, and says so', () => {
  const dir = workspace();
  warningsOnly(dir);
  assert.equal(run(['lint', 'bad.runbook.yaml'], dir).code, 0);
  assert.equal(run(['lint', 'bad.runbook.yaml', '--max-warnings', '1'], dir).code, 0);
  const over = run(['lint', 'bad.runbook.yaml', '--max-warnings=0'], dir);
  assert.equal(over.code, 1);
  assert.match(over.err, /too many warnings: 1 \(--max-warnings 0\)/);
  const nonsense = run(['lint', 'bad.runbook.yaml', '--max-warnings', 'few'], dir);
  assert.equal(nonsense.code, 2);
  assert.match(nonsense.err, /--max-warnings needs a whole number/);
});

test('--quiet reports errors only', () => {
  const dir = workspace();
  warningsOnly(dir);
  const r = run(['lint', '.', '--quiet'], dir);
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.out, /warning:/);
  assert.match(r.out, /2 files checked: 0 errors, 0 warnings/);
  writeFileSync(join(dir, '.runbookrc.json'), '{}');
  assert.match(run(['lint', '.', '-q'], dir).out, /error: .*\[dr-setup-switch\]/, 'errors still show');
});

test('-o FILE writes the report there and nothing to standard output', () => {
  const dir = workspace();
  const r = run(['lint', '.', '-f', 'sarif', '-o', 'lint.sarif'], dir);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.equal(JSON.parse(readFileSync(join(dir, 'lint.sarif'), 'utf8')).version, '2.1.0');
});

test('colour: none in a pipe or under NO_COLOR; --color forces it; a terminal gets it', () => {
  const dir = workspace();
  assert.ok(!run(['lint', 'bad.runbook.yaml'], dir).out.includes(ESC), 'a pipe gets plain text');
  assert.ok(run(['lint', 'bad.runbook.yaml', '--color'], dir).out.includes(`${ESC}31merror`));
  assert.ok(run(['lint', 'bad.runbook.yaml'], dir, { env: { FORCE_COLOR: '1' } }).out.includes(ESC));
  assert.ok(!run(['lint', 'bad.runbook.yaml', '--no-color'], dir, { env: { FORCE_COLOR: '1' } }).out.includes(ESC));
  // A real terminal, through script(1): colour by default, none with NO_COLOR.
  const tty = (env: string) =>
    spawnSync('script', ['-qec', `${env} ${process.execPath} ${cli} lint bad.runbook.yaml`, '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm' },
    }).stdout;
  assert.ok(tty('').includes(`${ESC}31merror`), 'a terminal gets colour');
  assert.ok(!tty('NO_COLOR=1').includes(ESC), 'NO_COLOR turns it off');
});

test('a path or glob that finds no runbook is exit 2 unless --no-error-on-unmatched-pattern', () => {
  const dir = workspace();
  const r = run(['lint', 'nothing/**/*.runbook.yaml'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /^runbook: No runbook .* matches 'nothing\/\*\*\/\*\.runbook\.yaml'/);
  mkdirSync(join(dir, 'empty'));
  assert.equal(run(['lint', 'empty'], dir).code, 2, 'a folder without runbooks too');
  const allowed = run(['lint', 'nothing/*.runbook.yaml', 'good.runbook.yaml', '--no-error-on-unmatched-pattern'], dir);
  assert.equal(allowed.code, 0, allowed.err);
  assert.match(allowed.out, /1 file checked/);
});

test('brace and class globs work; *.runbook.json is a runbook too', () => {
  const dir = workspace();
  const braces = run(['lint', '{good,bad}.runbook.yaml', '-f', 'json'], dir);
  assert.deepEqual(JSON.parse(braces.out).files, ['bad.runbook.yaml', 'good.runbook.yaml']);
  assert.deepEqual(JSON.parse(run(['lint', '[b]*.runbook.yaml', '-f', 'json'], dir).out).files, ['bad.runbook.yaml']);
  writeFileSync(join(dir, 'json.runbook.json'), JSON.stringify({ title: 1 }));
  const json = JSON.parse(run(['lint', '.', '-f', 'json'], dir).out);
  assert.ok(json.files.includes('json.runbook.json'));
  assert.ok(
    json.problems.some((p: { file: string }) => p.file === 'json.runbook.json'),
    'and it is checked',
  );
});

test('folders named out or .cache are searched; what .gitignore ignores is not', () => {
  const dir = workspace();
  for (const folder of ['out', '.cache', 'build', 'keep']) {
    mkdirSync(join(dir, folder));
    cpSync(fixture, join(dir, folder, 'r.runbook.yaml'));
  }
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
  cpSync(fixture, join(dir, 'node_modules', 'pkg', 'r.runbook.yaml'));
  writeFileSync(join(dir, '.gitignore'), 'build/\n');
  mkdirSync(join(dir, 'keep', 'tmp'));
  cpSync(fixture, join(dir, 'keep', 'tmp', 'x.runbook.yaml'));
  writeFileSync(join(dir, 'keep', '.gitignore'), 'tmp/\n');
  const files = JSON.parse(run(['lint', '.', '-f', 'json'], dir).out).files;
  assert.deepEqual(files, [
    '.cache/r.runbook.yaml',
    'bad.runbook.yaml',
    'good.runbook.yaml',
    'keep/r.runbook.yaml',
    'out/r.runbook.yaml',
  ]);
  const named = JSON.parse(run(['lint', 'build/r.runbook.yaml', '-f', 'json'], dir).out).files;
  assert.deepEqual(named, ['build/r.runbook.yaml'], 'a file named on the command line is always checked');
});

test('unknown options and missing values are usage errors that name the option', () => {
  const dir = workspace();
  for (const [args, message] of [
    [['lint', '--colour'], /Unknown option --colour/],
    [['lint', '-x'], /Unknown option -x/],
    [['lint', '--format'], /--format needs a value/],
    [['lint', '--quiet=yes'], /--quiet takes no value/],
    [['run', 'start', 'a', '--rehearsal=1'], /--rehearsal takes no value/],
    [['--bogus'], /Unknown option --bogus/],
  ] as const) {
    const r = run([...args], dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message);
  }
});
