/** `runbook run ...` and `runbook report` through the built CLI: output, files and exit codes. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, cli } from './records/cli';
import { RUNBOOK } from './records/helpers';
import { parseRecord } from '../../core/records/parse';

let dir: string;
let record: string;
const as = (name: string) => ({ RUNBOOK_OPERATOR: name });

before(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'runbook-cli-run-'));
  mkdirSync(join(dir, 'db'));
  writeFileSync(join(dir, 'db', 'restore.runbook.yaml'), RUNBOOK);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('run start refuses a real run of a runbook with errors unless a reason is given', () => {
  const r = cli(['run', 'start', 'db/restore.runbook.yaml', '--operator', 'Alice'], dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /refused: The runbook has 4 errors\. Start a rehearsal, fix the runbook, or give the reason/);
  assert.equal(existsSync(join(dir, 'db', 'runs')), false, 'no record was made');
});

test('run start prints the path of a new record under runs/ beside the runbook', () => {
  const r = cli(
    ['run', 'start', 'db/restore.runbook.yaml', '--operator', 'Alice', '--reason', 'store down; rules reviewed'],
    dir,
  );
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^db\/runs\/restore\.\d{8}T\d{6}Z\.runbook-run$/);
  record = r.out;
  const text = readFileSync(join(dir, record), 'utf8');
  const parsed = parseRecord(text);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.start?.by, 'Alice');
  assert.equal(parsed.start?.rehearsal, false);
  assert.equal(parsed.start?.runbook, 'db/restore.runbook.yaml');
  assert.equal(parsed.start?.steps.length, 6);
  assert.equal(parsed.start?.errors, 4, 'the errors the run was started with');
  assert.equal(parsed.start?.reason, 'store down; rules reviewed');
  assert.deepEqual(
    readdirSync(join(dir, 'db', 'runs')).filter((f) => !f.endsWith('.runbook-run')),
    [],
    'no temp or lock file left',
  );
});

test('run start --rehearsal, and a second run the same second gets its own file', () => {
  const a = cli(['run', 'start', 'db/restore.runbook.yaml', '--rehearsal'], dir, as('Carol'));
  const b = cli(['run', 'start', 'db/restore.runbook.yaml', '--rehearsal'], dir, as('Carol'));
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  assert.match(b.out, /^db\/runs\/restore\.\d{8}T\d{6}Z(-\d+)?\.runbook-run$/);
  assert.notEqual(a.out, b.out);
  assert.equal(parseRecord(readFileSync(join(dir, a.out), 'utf8')).start?.rehearsal, true);
  rmSync(join(dir, a.out));
  rmSync(join(dir, b.out));
});

test('operator: --operator, else RUNBOOK_OPERATOR, else git user.name, else exit 2', () => {
  const none = cli(['run', 'start', 'db/restore.runbook.yaml'], dir);
  assert.equal(none.code, 2);
  assert.match(none.err, /--operator NAME, set RUNBOOK_OPERATOR, or set `git config user.name`/);
  const tick = cli(['run', 'tick', record, 'confirm-backup'], dir);
  assert.equal(tick.code, 2);
});

test('tick in order; out of order is refused with exit 1 until --override gives a reason', () => {
  const first = cli(['run', 'tick', record, 'confirm-backup', '--note', 'tape 14'], dir, as('Alice'));
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^ticked confirm-backup at \d{4}-\d\d-\d\dT[\d:.]+Z by Alice$/);
  const before = readFileSync(join(dir, record), 'utf8');
  const refused = cli(['run', 'tick', record, 'copy-files'], dir, as('Bob'));
  assert.equal(refused.code, 1);
  assert.match(refused.err, /refused: Step 'copy-files' comes after 'dismount-store', not done yet/);
  assert.match(refused.err, /--override "REASON"/);
  assert.equal(readFileSync(join(dir, record), 'utf8'), before, 'a refusal writes nothing');
  const overridden = cli(['run', 'tick', record, 'copy-files', '--override', 'store already offline'], dir, as('Bob'));
  assert.equal(overridden.code, 0, overridden.err);
  assert.match(overridden.out, /override recorded/);
});

test('tick twice and undo of a pending step are refused (exit 1); unknown step exit 1', () => {
  assert.equal(cli(['run', 'tick', record, 'confirm-backup'], dir, as('Bob')).code, 1);
  assert.equal(cli(['run', 'undo', record, 'mount-store'], dir, as('Bob')).code, 1);
  const unknown = cli(['run', 'tick', record, 'no-such-step'], dir, as('Bob'));
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /no step 'no-such-step'/);
});

test('skip needs a reason (usage, exit 2); with one it is recorded', () => {
  assert.equal(cli(['run', 'skip', record, 'dismount-store'], dir, as('Bob')).code, 2);
  const r = cli(['run', 'skip', record, 'dismount-store', '--reason', 'dismounted by the night shift'], dir, as('Bob'));
  assert.equal(r.code, 0, r.err);
});

test('evidence: pattern and secret refusal, then a good value', () => {
  const tick = (...extra: string[]) => cli(['run', 'tick', record, 'restore-store', ...extra], dir, as('Alice'));
  // check-disk is still pending: the gate would refuse first, so skip it.
  assert.equal(cli(['run', 'skip', record, 'check-disk', '--reason', 'new disk'], dir, as('Alice')).code, 0);
  const missing = tick();
  assert.equal(missing.code, 1);
  assert.match(missing.err, /NTBackup version used is required/);
  assert.match(tick('--evidence', 'ntbackupVersion=five').err, /does not have the form the runbook asks for/);
  const secret = tick('--evidence', 'ntbackupVersion=1.2.3.4', '--evidence', 'ticket=password=hunter2');
  assert.equal(secret.code, 1);
  assert.match(secret.err, /looks like a secret/);
  assert.doesNotMatch(readFileSync(join(dir, record), 'utf8'), /hunter2/);
  assert.equal(tick('--evidence', 'ntbackupVersion=5.0.2195.1117').code, 0);
});

test('undo puts a step back; status text and json show state, time and operator', () => {
  assert.equal(cli(['run', 'undo', record, 'copy-files', '--reason', 'wrong folder'], dir, as('Bob')).code, 0);
  const text = cli(['run', 'status', record], dir);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^Run of db\/restore\.runbook\.yaml \(Restore the mailbox store\)/);
  assert.match(text.out, /Progress: 2\/6 done, 2 skipped/);
  assert.match(text.out, /\[x\] confirm-backup +done +\S+Z +Alice/);
  assert.match(text.out, /\[-\] dismount-store +skipped +\S+Z +Bob +\(reason: dismounted by the night shift\)/);
  assert.match(text.out, /\[ \] copy-files$/m);
  const json = JSON.parse(cli(['run', 'status', record, '--format', 'json'], dir).out);
  assert.deepEqual(
    json.steps.map((s: { id: string; state: string }) => `${s.id}:${s.state}`),
    [
      'confirm-backup:done',
      'dismount-store:skipped',
      'copy-files:pending',
      'check-disk:skipped',
      'restore-store:done',
      'mount-store:pending',
    ],
  );
  const done = json.steps[0];
  assert.equal(done.operator, 'Alice');
  assert.match(done.time, /Z$/);
  assert.deepEqual(json.steps[4].evidence, { ntbackupVersion: '5.0.2195.1117' });
  assert.equal(json.steps[2].operator, 'Bob', 'an undone step shows who undid it, and when');
  assert.equal(json.steps[5].time, null);
  assert.equal(json.steps[5].operator, null);
  assert.equal(cli(['run', 'status', record, '--format', 'xml'], dir).code, 2);
});

test('a changed runbook is named in status', () => {
  const file = join(dir, 'db', 'restore.runbook.yaml');
  writeFileSync(file, RUNBOOK.replace('Tell the help desk first.', 'Tell the help desk and the CIO first.'));
  try {
    const json = JSON.parse(cli(['run', 'status', record, '--format', 'json'], dir).out);
    assert.equal(json.changes, 'The runbook changed since this run started (changed: dismount-store).');
  } finally {
    writeFileSync(file, RUNBOOK);
  }
});

test('finish makes the run read-only (exit 1) until reopen', () => {
  assert.equal(cli(['run', 'finish', record], dir, as('Alice')).code, 0);
  const refused = cli(['run', 'tick', record, 'mount-store', '--override', 'x'], dir, as('Alice'));
  assert.equal(refused.code, 1);
  assert.match(refused.err, /finished by Alice .*read-only until it is reopened/);
  assert.equal(cli(['run', 'reopen', record, '--reason', 'mount it'], dir, as('Alice')).code, 0);
  assert.equal(
    cli(['run', 'tick', record, 'mount-store', '--override', 'copy-files redone by hand'], dir, as('Alice')).code,
    0,
  );
  assert.equal(cli(['run', 'finish', record], dir, as('Alice')).code, 0);
});

test('report: markdown with timeline, overrides, skipped steps and total; json', () => {
  const md = cli(['report', record, '--tz', 'UTC'], dir);
  assert.equal(md.code, 0, md.err);
  assert.match(md.out, /^# Run report: Restore the mailbox store/);
  assert.match(md.out, /- Total elapsed: /);
  assert.match(md.out, /## Overrides\n\n- mount-store at \d\d:\d\d by Alice: copy-files redone by hand/);
  assert.match(
    md.out,
    /## Skipped steps\n\n- dismount-store at \S+ by Bob: dismounted by the night shift\n- check-disk/,
  );
  assert.match(md.out, /\| \d\d:\d\d \| Bob \| undo \| copy-files \| wrong folder \|/);
  const json = JSON.parse(cli(['report', record, '--format', 'json'], dir).out);
  assert.equal(json.version, 1);
  assert.equal(json.finished, true);
  assert.deepEqual(
    json.timeline.map((t: { event: string }) => t.event),
    ['start', 'done', 'done', 'skip', 'skip', 'done', 'undo', 'finish', 'reopen', 'done', 'finish'],
  );
  assert.ok(json.elapsedMs >= 0);
  // The CLI writes no begin events here: no step has a measured time, and none pretends to.
  assert.ok(json.steps.every((s: { durationMs?: number }) => s.durationMs === undefined));
});

test('an unreadable record: line-numbered error, exit 1, never overwritten', () => {
  const broken = join(dir, 'db', 'runs', 'restore.20261125T090000Z.runbook-run');
  const text = `${readFileSync(join(dir, record), 'utf8').split('\n')[0]}\n{"at":"2026-11-25T09:0`;
  writeFileSync(broken, text);
  const status = cli(['run', 'status', broken], dir);
  assert.equal(status.code, 1);
  assert.match(status.err, /restore\.20261125T090000Z\.runbook-run:2: the last line is cut off/);
  const tick = cli(['run', 'tick', broken, 'confirm-backup'], dir, as('Alice'));
  assert.equal(tick.code, 1);
  assert.equal(readFileSync(broken, 'utf8'), text);
  assert.equal(cli(['report', broken], dir).code, 1);
});

test('usage errors exit 2', () => {
  assert.equal(cli(['run'], dir).code, 2);
  assert.equal(cli(['run', 'explode'], dir).code, 2);
  assert.equal(cli(['run', 'tick', record], dir, as('A')).code, 2);
  assert.equal(cli(['run', 'status', 'no/such.runbook-run'], dir).code, 2);
  assert.equal(cli(['run', 'start', 'missing.runbook.yaml'], dir, as('A')).code, 2);
  assert.equal(cli(['run', 'tick', record, 'x', '--bogus'], dir, as('A')).code, 2);
  assert.equal(cli(['report', record, '--format', 'pdf'], dir).code, 2);
  assert.ok(existsSync(join(dir, record)));
});
