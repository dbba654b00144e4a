/**
 * Readable record diffs with real git: once `.gitattributes` names the driver and git config holds
 * the textconv line, `git diff` and `git log -p` of a record read as a checklist diff.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GITATTRIBUTES_LINE } from '../../../core/records/events';
import { eventLine } from '../../../core/records/serialize';
import {
  addDiffAttribute,
  DIFF_ATTRIBUTE_LINE,
  diffDriverStatus,
  diffHint,
  setTextconv,
} from '../../../node/gitDiffDriver';
import { assertBuilt, CLI } from './cli';
import { sampleRun, writeWorkspace } from './reportFixtures';

let dir: string;
let record: string;
const env = () => ({ ...process.env, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_PAGER: 'cat', TZ: 'UTC' });
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: env() });

before(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'runbook-git-diff-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.invalid');
  const events = sampleRun('2026-11-25T09:00:00.000Z', { rehearsal: false, by: 'Alice' });
  // Commit the run up to the restore; mount and finish come in the second commit.
  [record] = writeWorkspace(dir, [{ stamp: '20261125T090000Z', events: events.slice(0, -3) }]);
  writeFileSync(join(dir, '.gitattributes'), `# records\n${GITATTRIBUTES_LINE}\n*.png binary\n`);
  git('add', '.');
  git('commit', '-q', '-m', 'run so far');
  appendFileSync(
    record,
    events
      .slice(-3)
      .map((e) => `${eventLine(e)}\n`)
      .join(''),
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('without the driver, git diff shows JSON lines', () => {
  assert.deepEqual(diffDriverStatus(dir), { attribute: false, textconv: undefined });
  assert.match(git('diff'), /^\+\{"at":"2026-11-25T11:00:00\.000Z","by":"Alice","event":"begin"/m);
});

test('the attribute goes right after the union merge line, once', () => {
  addDiffAttribute(dir);
  addDiffAttribute(dir);
  assert.equal(
    readFileSync(join(dir, '.gitattributes'), 'utf8'),
    `# records\n${GITATTRIBUTES_LINE}\n${DIFF_ATTRIBUTE_LINE}\n*.png binary\n`,
  );
  setTextconv(dir, `"${process.execPath}" "${CLI}" report --format text --tz UTC`);
  const status = diffDriverStatus(dir);
  assert.equal(status.attribute, true);
  assert.match(status.textconv!, /report --format text/);
  assert.match(diffHint('/repo'), /\*\.runbook-run diff=runbook-run\n.*\n {2}git config diff\.runbook-run\.textconv/);
});

test('git diff and git log -p read as a checklist', () => {
  const diff = git('diff', '--', record);
  assert.match(diff, /^-\[ \] mount-store {2}not done$/m);
  assert.match(diff, /^\+\[x\] mount-store {2}done 11:01 by Alice \(1m\)$/m);
  assert.match(diff, /^-not finished; last event 2026-11-25 10:58:20 UTC$/m);
  assert.match(diff, /^\+finished 2026-11-25 11:01:40 UTC by Alice, elapsed 2h 02m, objective met$/m);
  assert.match(diff, /^\+closing note: mail flowing again$/m);
  assert.doesNotMatch(diff, /"event"/, 'no JSON in the diff');
  git('add', '.');
  git('commit', '-q', '-m', 'finish the run');
  const log = git('log', '-p', '--', record);
  assert.match(log, /^\+\[x\] mount-store {2}done 11:01 by Alice \(1m\)$/m);
  // The first commit: the whole checklist as added lines, one per step.
  assert.match(log, /^\+\[x\] restore-store {2}done 10:56 by Alice \(1h 05m, planned 1h\) {2}OVERRIDE$/m);
});
