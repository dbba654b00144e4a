/**
 * Two operators, two clones, one run: each ticks a different step, commits and pulls. Measured
 * with real git: without `merge=union` the appends conflict; with it they merge cleanly and the
 * status shows both ticks, whatever order the merge left the lines in.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRecord } from '../../../core/records/parse';
import { serializeRecord } from '../../../core/records/serialize';
import { GITATTRIBUTES_LINE } from '../../../core/records/events';
import { assertBuilt, cli } from './cli';
import { RUNBOOK } from './helpers';

before(assertBuilt);

interface Git {
  (args: string[], allowFail?: boolean): { code: number; out: string };
}

function gitIn(dir: string, home: string): Git {
  return (args, allowFail = false) => {
    try {
      const out = execFileSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
      });
      return { code: 0, out };
    } catch (e) {
      if (!allowFail) throw e;
      const err = e as { status: number; stdout: string; stderr: string };
      return { code: err.status, out: `${err.stdout}${err.stderr}` };
    }
  };
}

interface World {
  root: string;
  alice: string;
  bob: string;
  gitA: Git;
  gitB: Git;
  record: string;
}

/** origin (bare), Alice's clone with the runbook and a started run, Bob's clone of that. */
function world(union: boolean, pullMode: 'merge' | 'rebase', runbook = RUNBOOK): World {
  const root = mkdtempSync(join(tmpdir(), 'runbook-merge-'));
  const origin = join(root, 'origin.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  const alice = join(root, 'alice'),
    bob = join(root, 'bob');
  const gitRoot = gitIn(root, root);
  gitRoot(['clone', '-q', origin, alice]);
  const gitA = gitIn(alice, root);
  for (const [k, v] of [
    ['user.name', 'Alice'],
    ['user.email', 'alice@example.com'],
    ['pull.rebase', String(pullMode === 'rebase')],
    ['init.defaultBranch', 'main'],
  ])
    gitA(['config', k, v]);
  gitA(['checkout', '-q', '-b', 'main']);
  mkdirSync(join(alice, 'db'));
  writeFileSync(join(alice, 'db', 'restore.runbook.yaml'), runbook);
  if (union) writeFileSync(join(alice, '.gitattributes'), `${GITATTRIBUTES_LINE}\n`);
  const started = cli(['run', 'start', 'db/restore.runbook.yaml', '--reason', 'test runbook'], alice);
  assert.equal(started.code, 0, started.err);
  const record = started.out;
  if (union) assert.equal(started.err, '', 'no hint once .gitattributes has the line');
  else assert.match(started.err, /hint: run records merge without conflicts only with a union merge/);
  gitA(['add', '.']);
  gitA(['commit', '-q', '-m', 'start a run']);
  gitA(['push', '-q', 'origin', 'main']);
  gitRoot(['clone', '-q', '-b', 'main', origin, bob]);
  const gitB = gitIn(bob, root);
  for (const [k, v] of [
    ['user.name', 'Bob'],
    ['user.email', 'bob@example.com'],
    ['pull.rebase', String(pullMode === 'rebase')],
  ])
    gitB(['config', k, v]);
  return { root, alice, bob, gitA, gitB, record };
}

/** Alice ticks the first step, Bob skips the fourth (with an override-free skip), both commit; Bob pushes first. */
function concurrentWork(w: World): { code: number; out: string } {
  const a = cli(['run', 'tick', w.record, 'confirm-backup'], w.alice);
  assert.equal(a.code, 0, a.err);
  const b = cli(['run', 'skip', w.record, 'check-disk', '--reason', 'new disk, 200 GB free'], w.bob);
  assert.equal(b.code, 0, b.err);
  w.gitB(['commit', '-q', '-am', 'Bob skips check-disk']);
  w.gitB(['push', '-q', 'origin', 'main']);
  w.gitA(['commit', '-q', '-am', 'Alice ticks confirm-backup']);
  return w.gitA(['pull', '-q', 'origin', 'main'], true);
}

test('measured: without merge=union, two appends to the same record conflict', () => {
  const w = world(false, 'merge');
  try {
    const pull = concurrentWork(w);
    assert.notEqual(pull.code, 0, 'git merged without the attribute: union would not be needed');
    assert.match(pull.out, /CONFLICT \(content\): Merge conflict in db\/runs\//);
    // The checklist then shows the conflict with its line and refuses to write.
    const status = cli(['run', 'status', w.record], w.alice);
    assert.equal(status.code, 1);
    assert.match(status.err, /:2: git conflict marker '<<<<<<<'/);
    const before = readFileSync(join(w.alice, w.record), 'utf8');
    const tick = cli(['run', 'tick', w.record, 'dismount-store'], w.alice);
    assert.equal(tick.code, 1);
    assert.equal(readFileSync(join(w.alice, w.record), 'utf8'), before, 'a conflicted record is never overwritten');
  } finally {
    rmSync(w.root, { recursive: true, force: true });
  }
});

for (const mode of ['merge', 'rebase'] as const) {
  test(`with merge=union, git pull (${mode}) merges both ticks without a conflict and status shows both`, () => {
    const w = world(true, mode);
    try {
      const pull = concurrentWork(w);
      assert.equal(pull.code, 0, pull.out);
      const text = readFileSync(join(w.alice, w.record), 'utf8');
      assert.doesNotMatch(text, /^(<<<<<<<|=======|>>>>>>>)/m);
      const parsed = parseRecord(text);
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.events.length, 3);
      const status = cli(['run', 'status', w.record, '--format', 'json'], w.alice);
      assert.equal(status.code, 0, status.err);
      const steps = new Map(
        (JSON.parse(status.out).steps as { id: string; state: string; operator: string | null }[]).map((s) => [
          s.id,
          s,
        ]),
      );
      assert.equal(steps.get('confirm-backup')?.state, 'done');
      assert.equal(steps.get('confirm-backup')?.operator, 'Alice');
      assert.equal(steps.get('check-disk')?.state, 'skipped');
      assert.equal(steps.get('check-disk')?.operator, 'Bob');
      // Bob pulls Alice's merge: same state on both clones, and the same bytes once serialised.
      w.gitA(['push', '-q', 'origin', 'main']);
      assert.equal(w.gitB(['pull', '-q', 'origin', 'main'], true).code, 0);
      const bobText = readFileSync(join(w.bob, w.record), 'utf8');
      assert.equal(serializeRecord(parseRecord(bobText).events), serializeRecord(parsed.events));
      const bobStatus = JSON.parse(cli(['run', 'status', w.record, '--format', 'json'], w.bob).out);
      assert.deepEqual(bobStatus.steps, JSON.parse(status.out).steps);
      // The next write rewrites the record in canonical order.
      assert.equal(cli(['run', 'tick', w.record, 'dismount-store'], w.bob).code, 0);
      const after = readFileSync(join(w.bob, w.record), 'utf8');
      assert.equal(after, serializeRecord(parseRecord(after).events));
    } finally {
      rmSync(w.root, { recursive: true, force: true });
    }
  });
}

test('with merge=union, the same step ticked on both clones merges and counts once per event', () => {
  const w = world(true, 'merge');
  try {
    assert.equal(cli(['run', 'tick', w.record, 'confirm-backup'], w.alice).code, 0);
    assert.equal(cli(['run', 'tick', w.record, 'confirm-backup'], w.bob).code, 0);
    w.gitB(['commit', '-q', '-am', 'Bob']);
    w.gitB(['push', '-q', 'origin', 'main']);
    w.gitA(['commit', '-q', '-am', 'Alice']);
    assert.equal(w.gitA(['pull', '-q', 'origin', 'main'], true).code, 0);
    const status = JSON.parse(cli(['run', 'status', w.record, '--format', 'json'], w.alice).out);
    const step = status.steps.find((s: { id: string }) => s.id === 'confirm-backup');
    assert.equal(step.state, 'done');
    assert.equal(status.progress.done, 1);
  } finally {
    rmSync(w.root, { recursive: true, force: true });
  }
});

test('two-person sign-off across clones: each clone signs one step once, the merge is clean, both count', () => {
  // Alice ticks two steps that need a second operator and pushes; Bob (his clone) and Carol (at
  // Alice's desk) each sign one off; the union merge keeps both sign-offs.
  const twoPeople = RUNBOOK.replaceAll('    parallel: prep\n', '    parallel: prep\n    signoff: 2\n');
  const w = world(true, 'merge', twoPeople);
  try {
    for (const step of ['confirm-backup', 'dismount-store', 'copy-files', 'check-disk'])
      assert.equal(cli(['run', 'tick', w.record, step], w.alice).code, 0, step);
    w.gitA(['commit', '-q', '-am', 'Alice ticks two steps']);
    w.gitA(['push', '-q', 'origin', 'main']);
    assert.equal(w.gitB(['pull', '-q', 'origin', 'main'], true).code, 0);
    const own = cli(['run', 'signoff', w.record, 'copy-files'], w.alice);
    assert.equal(own.code, 1, 'Alice cannot confirm her own tick');
    assert.match(own.err, /sign-off must come from a second, different operator/);
    const bob = cli(['run', 'signoff', w.record, 'copy-files', '--note', 'copies seen on F:'], w.bob);
    assert.equal(bob.code, 0, bob.err);
    assert.equal(cli(['run', 'signoff', w.record, 'copy-files'], w.bob).code, 1, 'Bob cannot confirm twice');
    const carol = cli(['run', 'signoff', w.record, 'check-disk', '--operator', 'Carol'], w.alice);
    assert.equal(carol.code, 0, carol.err);
    w.gitB(['commit', '-q', '-am', 'Bob signs off copy-files']);
    w.gitB(['push', '-q', 'origin', 'main']);
    w.gitA(['commit', '-q', '-am', 'Carol signs off check-disk']);
    const pull = w.gitA(['pull', '-q', 'origin', 'main'], true);
    assert.equal(pull.code, 0, pull.out);
    const text = readFileSync(join(w.alice, w.record), 'utf8');
    assert.deepEqual(parseRecord(text).problems, []);
    const status = JSON.parse(cli(['run', 'status', w.record, '--format', 'json'], w.alice).out);
    const step = (id: string) => status.steps.find((s: { id: string }) => s.id === id);
    assert.equal(step('copy-files').operator, 'Alice');
    assert.equal(step('copy-files').signedOff.by, 'Bob');
    assert.equal(step('check-disk').signedOff.by, 'Carol');
    assert.ok(Date.parse(step('check-disk').signedOff.at) > Date.parse(step('check-disk').time));
    w.gitA(['push', '-q', 'origin', 'main']);
    assert.equal(w.gitB(['pull', '-q', 'origin', 'main'], true).code, 0);
    const bobStatus = JSON.parse(cli(['run', 'status', w.record, '--format', 'json'], w.bob).out);
    assert.deepEqual(bobStatus.steps, status.steps, 'the same state on both clones');
    // The next step waited for both sign-offs; now it may be ticked without an override.
    const restore = cli(
      ['run', 'tick', w.record, 'restore-store', '--evidence', 'ntbackupVersion=5.0.2195.6687'],
      w.alice,
    );
    assert.equal(restore.code, 0, restore.err);
  } finally {
    rmSync(w.root, { recursive: true, force: true });
  }
});
