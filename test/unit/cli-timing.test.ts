/** `runbook run start-step`, `run signoff` and the time lines of `run status`, through the built CLI. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, cli } from './records/cli';
import { RUNBOOK } from './records/helpers';
import { parseRecord } from '../../core/records/parse';

let dir: string;
const as = (name: string) => ({ RUNBOOK_OPERATOR: name });
const TIMED = RUNBOOK.replace('title: Restore the mailbox store\n', 'title: Restore the mailbox store\nrto: 4h\n')
  .replace(
    '    notes: Tell the help desk first.\n',
    '    notes: Tell the help desk first.\n    expect: 10m\n    signoff: 2\n',
  )
  .replace(
    '  - id: mount-store\n    action: database.mount\n',
    '  - id: mount-store\n    action: database.mount\n    expect: 1h30m\n',
  );

before(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'runbook-cli-timing-'));
  mkdirSync(join(dir, 'db'));
  writeFileSync(join(dir, 'db', 'restore.runbook.yaml'), TIMED);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('start-step, the first note on a step, sign-off, and status with the projection', () => {
  const started = cli(['run', 'start', 'db/restore.runbook.yaml', '--rehearsal'], dir, as('Alice'));
  assert.equal(started.code, 0, started.err);
  const record = started.out;
  const begin = cli(['run', 'start-step', record, 'confirm-backup'], dir, as('Alice'));
  assert.equal(begin.code, 0, begin.err);
  assert.match(begin.out, /^started confirm-backup at \S+ by Alice$/);
  const again = cli(['run', 'start-step', record, 'confirm-backup'], dir, as('Alice'));
  assert.equal(again.code, 1);
  assert.match(again.err, /already began/);
  assert.equal(cli(['run', 'tick', record, 'confirm-backup'], dir, as('Alice')).code, 0);
  // A note on a step that has not begun writes the begin first.
  const note = cli(['run', 'note', record, 'dismount-store', '--note', 'help desk told'], dir, as('Alice'));
  assert.equal(note.code, 0, note.err);
  const events = parseRecord(readFileSync(join(dir, record), 'utf8')).events;
  assert.deepEqual(
    events.slice(-2).map((e) => [e.event, 'step' in e ? e.step : undefined]),
    [
      ['begin', 'dismount-store'],
      ['note', 'dismount-store'],
    ],
  );
  assert.equal(cli(['run', 'tick', record, 'dismount-store'], dir, as('Alice')).code, 0);
  let status = cli(['run', 'status', record], dir);
  assert.equal(status.code, 0, status.err);
  assert.match(status.out, /^Time: \d+s elapsed; objective 4h$/m);
  assert.match(
    status.out,
    /^Projected finish: \S+Z \(1h 30m of work left; 2h 29m inside the objective\) \(3 steps left without expect: not counted\)$/m,
  );
  assert.match(status.out, /^Waiting for a second operator's sign-off: dismount-store$/m);
  assert.match(status.out, /dismount-store .*\(waiting for a second operator's sign-off\)$/m);
  assert.match(
    status.out,
    /^Progress: 1\/6 done, 0 skipped, 1 awaiting sign-off, 5 remaining$/m,
    'a step awaiting sign-off is not done',
  );
  const own = cli(['run', 'signoff', record, 'dismount-store'], dir, as('Alice'));
  assert.equal(own.code, 1);
  const bob = cli(['run', 'signoff', record, 'dismount-store'], dir, as('Bob'));
  assert.equal(bob.code, 0, bob.err);
  assert.match(bob.out, /^signed off dismount-store at \S+ by Bob$/);
  status = cli(['run', 'status', record, '--format', 'json'], dir);
  const json = JSON.parse(status.out);
  assert.equal(json.time.rtoSeconds, 14_400);
  assert.equal(json.time.remainingSeconds, 5400);
  const dismount = json.steps.find((s: { id: string }) => s.id === 'dismount-store');
  assert.equal(dismount.expectSeconds, 600);
  assert.equal(typeof dismount.actualSeconds, 'number');
  assert.equal(dismount.signedOff.by, 'Bob');
  assert.equal(json.progress.done, 2);
});

test('start-step and signoff: usage errors exit 2', () => {
  assert.equal(cli(['run', 'start-step'], dir, as('A')).code, 2);
  assert.equal(cli(['run', 'signoff', 'x.runbook-run'], dir, as('A')).code, 2);
});
