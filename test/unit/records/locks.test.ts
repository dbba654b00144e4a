/**
 * The record lock and the files a user protected, through the built CLI (as a user runs it) and
 * the node/records API. Each case is a failure measured on the old code: a lock that could not
 * be removed hung the CLI at 99% CPU; a busy lock died with a stack trace and exit 1; a lock left
 * by a killed CLI blocked every writer for 10 s; a read-only record was rewritten as 644; a
 * symlinked record was replaced by a copy; a file that is not a record had its content echoed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, CLI, cli } from './cli';
import { RUNBOOK } from './helpers';
import { parseRecord } from '../../../core/records/parse';
import {
  RecordLockedError,
  RecordProtectedError,
  renameWithRetry,
  updateRecordAsync,
  withLock,
  writeAtomic,
} from '../../../node/records';

let dir: string;
const as = { RUNBOOK_OPERATOR: 'Alice' };

before(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'runbook-locks-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'db'));
  writeFileSync(join(dir, 'db', 'restore.runbook.yaml'), RUNBOOK);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function newRecord(): string {
  const r = cli(['run', 'start', 'db/restore.runbook.yaml', '--reason', 'test runbook'], dir, as);
  assert.equal(r.code, 0, r.err);
  return join(dir, r.out);
}

function events(file: string) {
  const parsed = parseRecord(readFileSync(file, 'utf8'));
  assert.deepEqual(parsed.problems, []);
  return parsed.events;
}

/** The CLI, stopped after `ms` if it hangs (spawnSync's timeout), so a hang fails instead of blocking the suite. */
function cliWithin(args: string[], ms: number, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: ms,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, ...as, ...env },
  });
  return { code: r.status, signal: r.signal, out: r.stdout.trim(), err: r.stderr.trim() };
}

function assertOneLine(err: string): void {
  assert.equal(err.split('\n').length, 1, `one line, got:\n${err}`);
  assert.doesNotMatch(err, /\n\s+at |Error:/, 'no stack trace');
}

test('an old lock that is a folder (mkdir X.lock) is removed as stale: the tick returns', () => {
  const file = newRecord();
  mkdirSync(`${file}.lock`);
  const old = new Date(Date.now() - 60_000);
  utimesSync(`${file}.lock`, old, old);
  const r = cliWithin(['run', 'tick', file, 'confirm-backup'], 20_000);
  assert.equal(r.signal, null, 'the CLI hung and was killed');
  assert.equal(r.code, 0, r.err);
  assert.equal(events(file).length, 2);
});

test('a lock held by a running process: exit 2 after the bounded wait, one line naming the owner', () => {
  const file = newRecord();
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  try {
    writeFileSync(
      `${file}.lock`,
      JSON.stringify({ pid: holder.pid, host: hostname(), at: new Date().toISOString(), token: 't' }),
    );
    const before = readFileSync(file, 'utf8');
    const r = cliWithin(['run', 'tick', file, 'confirm-backup'], 20_000, { RUNBOOK_LOCK_WAIT_MS: '300' });
    assert.equal(r.signal, null);
    assert.equal(r.code, 2);
    assertOneLine(r.err);
    assert.match(r.err, new RegExp(`being written by process ${holder.pid} .*try again`));
    assert.equal(readFileSync(file, 'utf8'), before, 'nothing written');
  } finally {
    holder.kill('SIGKILL');
    rmSync(`${file}.lock`, { force: true });
  }
});

test('a fresh lock whose owner has died (a killed CLI) does not block the next writer', () => {
  const file = newRecord();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: Number(dead.stdout), host: hostname(), at: '', token: 't' }));
  // Old code: a lock under 10 s old was live whatever its owner, so this waited and failed.
  const r = cliWithin(['run', 'tick', file, 'confirm-backup'], 20_000, { RUNBOOK_LOCK_WAIT_MS: '1000' });
  assert.equal(r.code, 0, r.err);
  assert.equal(events(file).length, 2);
});

test('a stale lock in a read-only runs/ folder: exit 2 saying so, no endless loop (as a non-root user)', () => {
  const file = newRecord();
  const runs = join(dir, 'db', 'runs');
  writeFileSync(`${file}.lock`, '');
  const old = new Date(Date.now() - 60_000);
  utimesSync(`${file}.lock`, old, old);
  chmodSync(runs, 0o555);
  try {
    // root may write anywhere, so the CLI runs as `nobody` when the tests run as root.
    const asUser =
      process.getuid?.() === 0
        ? spawnSync(
            'setpriv',
            [
              '--reuid=65534',
              '--regid=65534',
              '--clear-groups',
              process.execPath,
              CLI,
              'run',
              'tick',
              file,
              'confirm-backup',
            ],
            {
              cwd: dir,
              encoding: 'utf8',
              timeout: 20_000,
              env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, ...as },
            },
          )
        : spawnSync(process.execPath, [CLI, 'run', 'tick', file, 'confirm-backup'], {
            cwd: dir,
            encoding: 'utf8',
            timeout: 20_000,
            env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, ...as },
          });
    assert.equal(asUser.signal, null, 'the CLI hung and was killed');
    assert.equal(asUser.status, 2, asUser.stderr);
    assertOneLine(asUser.stderr.trim());
    assert.match(asUser.stderr, /stale lock .*cannot be removed \(EACCES\); delete .*\.lock by hand/);
  } finally {
    chmodSync(runs, 0o755);
    rmSync(`${file}.lock`, { force: true });
  }
});

test('a read-only record is refused with exit 2, left byte-identical and still read-only', () => {
  const file = newRecord();
  chmodSync(file, 0o444);
  const before = readFileSync(file, 'utf8');
  const r = cli(['run', 'tick', file, 'confirm-backup'], dir, as);
  assert.equal(r.code, 2);
  assertOneLine(r.err);
  assert.match(r.err, /is read-only; nothing was written/);
  assert.equal(readFileSync(file, 'utf8'), before);
  assert.equal(statSync(file).mode & 0o777, 0o444);
  chmodSync(file, 0o644);
});

test('a record that is a symbolic link is refused; the link stays a link to the same file', () => {
  const target = newRecord();
  const link = join(dir, 'db', 'runs', 'restore.20990101T000000Z.runbook-run');
  symlinkSync(target, link);
  const before = readFileSync(target, 'utf8');
  const r = cli(['run', 'tick', link, 'confirm-backup'], dir, as);
  assert.equal(r.code, 2);
  assertOneLine(r.err);
  assert.match(r.err, /is a symbolic link; records are not written through links/);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readlinkSync(link), target);
  assert.equal(readFileSync(target, 'utf8'), before);
  rmSync(link);
});

test('a writable record keeps its permissions when ticked (0600 stays 0600)', () => {
  const file = newRecord();
  chmodSync(file, 0o600);
  const r = cli(['run', 'tick', file, 'confirm-backup'], dir, as);
  assert.equal(r.code, 0, r.err);
  assert.equal(statSync(file).mode & 0o777, 0o600);
});

test('a file that is not a record is refused without echoing its content', () => {
  for (const content of ['db_password=hunter2\nuser=sa\n', 'root:x:0:0:root:/root:/bin/bash\n']) {
    const file = join(dir, 'db', 'runs', 'restore.20300101T000000Z.runbook-run');
    writeFileSync(file, content);
    for (const args of [
      ['run', 'status', file],
      ['run', 'tick', file, 'confirm-backup'],
      ['report', file],
    ]) {
      const r = cli(args, dir, as);
      assert.notEqual(r.code, 0);
      assert.match(r.err, /:1: not a JSON event/);
      for (const secret of ['db_passwor', 'hunter2', 'root:x', '0:0'])
        assert.ok(!`${r.out}\n${r.err}`.includes(secret), `echoed ${secret}: ${r.err}`);
    }
    assert.equal(readFileSync(file, 'utf8'), content);
    rmSync(file);
  }
});

test('Windows: a rename refused with EPERM or EBUSY is retried, other errors are not', () => {
  const calls: string[] = [];
  const failing = (codes: string[]) => (from: string, to: string) => {
    calls.push(`${from}>${to}`);
    const code = codes.shift();
    if (code) throw Object.assign(new Error(code), { code });
  };
  renameWithRetry('a', 'b', failing(['EPERM', 'EBUSY']), () => undefined);
  assert.equal(calls.length, 3);
  calls.length = 0;
  assert.throws(() => renameWithRetry('a', 'b', failing(['ENOENT']), () => undefined), /ENOENT/);
  assert.equal(calls.length, 1);
  calls.length = 0;
  assert.throws(() => renameWithRetry('a', 'b', failing(Array(20).fill('EBUSY')), () => undefined), /EBUSY/);
  assert.equal(calls.length, 8, 'bounded');

  // Through writeAtomic: the file is written once the rename gets through, no temp file is left.
  const file = join(dir, 'atomic.txt');
  writeFileSync(file, 'old');
  let refused = 0;
  writeAtomic(file, 'new', (from, to) => {
    if (refused++ < 2) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
    renameSync(from, to);
  });
  assert.equal(readFileSync(file, 'utf8'), 'new');
});

test('withLock: the wait is bounded even when the owner never lets go', () => {
  const file = join(dir, 'held.txt');
  writeFileSync(file, '');
  withLock(file, () => {
    // Same process holds it (the extension host running two actions): the second waits, then gives up.
    assert.throws(
      () => withLock(file, () => 1, 100),
      (e: unknown) => e instanceof RecordLockedError && /try again/.test((e as Error).message),
    );
  });
  assert.equal(
    withLock(file, () => 2, 100),
    2,
    'released after use',
  );
});

test('async API: 20 concurrent updates in one process each land exactly once', async () => {
  const file = newRecord();
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      updateRecordAsync(file, () => ({
        event: { event: 'note', at: new Date().toISOString(), by: 'Async', note: `n${i}` } as never,
      })),
    ),
  );
  assert.equal(results.length, 20);
  const notes = events(file)
    .filter((e) => e.event === 'note')
    .map((e) => (e as { note: string }).note)
    .sort();
  assert.deepEqual(notes, Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
});

test('async API refuses a read-only record with RecordProtectedError', async () => {
  const file = newRecord();
  chmodSync(file, 0o444);
  await assert.rejects(
    updateRecordAsync(file, () => ({
      event: { event: 'note', at: new Date().toISOString(), by: 'A', note: 'x' } as never,
    })),
    RecordProtectedError,
  );
  chmodSync(file, 0o644);
});
