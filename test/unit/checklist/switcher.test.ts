/**
 * The run switcher's host-side decisions (client/src/checklist/switcher.ts): which runs are listed,
 * how they are named in the quick pick and the status bar, and when the checklist view's pin moves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countText,
  findOpenRun,
  followEditor,
  openRuns,
  runChoice,
  shortTitle,
  statusBarText,
  type RecordFacts,
} from '../../../client/src/checklist/switcher';
import { foldRun } from '../../../core/records/fold';
import type { RunEvent } from '../../../core/records/events';
import { planOf, start, T } from '../records/helpers';

const plan = planOf();
const ids = [...plan.byId.keys()];

function facts(record: string, events: Partial<RunEvent>[], over: Partial<RecordFacts> = {}): RecordFacts {
  const s = start(plan);
  return {
    runbook: 'file:///w/restore.runbook.yaml',
    runbookPath: 'restore.runbook.yaml',
    record,
    state: foldRun([s, ...events.map((e) => ({ by: 'Alice', ...e }) as RunEvent)]),
    unreadable: false,
    title: 'Restore the mailbox store',
    ids,
    ...over,
  };
}

test('lists started, readable, unfinished runs, the latest started first, with the header counts', () => {
  const older = facts('/w/runs/a.runbook-run', [
    { at: T(10), event: 'done', step: 'confirm-backup' },
    { at: T(20), event: 'skip', step: 'dismount-store', reason: 'not mounted' },
  ]);
  const later = facts('/w/runs/b.runbook-run', [], { runbook: 'file:///w/other.runbook.yaml', title: 'Other' });
  later.state!.start!.at = T(3600);
  const finished = facts('/w/runs/c.runbook-run', [{ at: T(30), event: 'finish' }]);
  const reopened = facts('/w/runs/d.runbook-run', [
    { at: T(30), event: 'finish' },
    { at: T(40), event: 'reopen' },
  ]);
  const unreadable = facts('/w/runs/e.runbook-run', [], { unreadable: true });
  const empty: RecordFacts = { ...facts('/w/runs/f.runbook-run', []), state: undefined };

  const list = openRuns([older, finished, later, reopened, unreadable, empty]);
  assert.deepEqual(
    list.map((r) => r.record),
    ['/w/runs/b.runbook-run', '/w/runs/a.runbook-run', '/w/runs/d.runbook-run'],
    'finished, unreadable and never-started records are left out; a reopened run is open again',
  );
  const a = list[1];
  assert.equal(a.title, 'Restore the mailbox store');
  assert.deepEqual([a.done, a.skipped, a.total], [1, 1, ids.length], 'a skipped step is not done');
  assert.equal(a.startedBy, 'Alice');
  assert.equal(a.rehearsal, false);
  assert.equal(countText(a), `1/${ids.length} done, 1 skipped`);
});

test('without a plan the start event names the steps and the path stands in for the title', () => {
  const f = facts('/w/runs/a.runbook-run', [{ at: T(10), event: 'done', step: 'confirm-backup' }], {
    title: undefined,
    ids: undefined,
  });
  delete f.state!.start!.title;
  const [r] = openRuns([f]);
  assert.equal(r.title, 'restore.runbook.yaml');
  assert.equal(r.total, f.state!.start!.steps.length);
  assert.equal(r.done, 1);
});

test('a switch is honoured only for a run the switcher offers now (same runbook and record)', () => {
  const list = openRuns([facts('/w/runs/a.runbook-run', [])]);
  assert.equal(findOpenRun(list, 'file:///w/restore.runbook.yaml', '/w/runs/a.runbook-run'), list[0]);
  assert.equal(findOpenRun(list, 'file:///w/other.runbook.yaml', '/w/runs/a.runbook-run'), undefined);
  assert.equal(findOpenRun(list, 'file:///w/restore.runbook.yaml', '/etc/passwd'), undefined);
  assert.equal(findOpenRun(list, undefined, undefined), undefined);
  const closed = openRuns([facts('/w/runs/a.runbook-run', [{ at: T(5), event: 'finish' }])]);
  assert.equal(findOpenRun(closed, 'file:///w/restore.runbook.yaml', '/w/runs/a.runbook-run'), undefined);
});

test('the pin: the view follows the editor until it shows an open run, then stays; a finished run lets go', () => {
  const A = 'file:///w/a.runbook.yaml',
    B = 'file:///w/b.runbook.yaml';
  assert.equal(followEditor(undefined, B, false), B, 'nothing shown: follow');
  assert.equal(followEditor(A, B, false), B, 'A has no open run: follow');
  assert.equal(followEditor(A, B, true), A, 'A has an open run: stay on A');
  assert.equal(followEditor(A, A, true), A);
  // After the switcher moved the pin to B (which has an open run), opening A does not move it back.
  assert.equal(followEditor(B, A, true), B);
});

test('the quick pick and the status bar name the run: kind, title, when, who, counts', () => {
  const [r] = openRuns([
    facts('/w/runs/a.runbook-run', [{ at: T(10), event: 'skip', step: 'confirm-backup', reason: 'x' }]),
  ]);
  const c = runChoice({ ...r, rehearsal: true }, new Date(T(60)));
  assert.equal(c.label, '$(beaker) Restore the mailbox store');
  assert.equal(c.description, 'rehearsal started 09:00 UTC by Alice');
  assert.equal(c.detail, `0/${ids.length} done, 1 skipped · restore.runbook.yaml`);
  assert.equal(runChoice(r, new Date(T(60))).label, '$(play-circle) Restore the mailbox store');
  assert.equal(
    statusBarText({ title: r.title, rehearsal: false, done: 2, skipped: 1, total: 6, elapsedMs: 754_000 }),
    '$(checklist) Run: Restore the mailbox store · 2/6 done · 12m',
  );
  assert.equal(
    statusBarText({ title: 'x', rehearsal: true, done: 0, skipped: 0, total: 1, elapsedMs: 3_725_000 }),
    '$(beaker) Rehearsal: x · 0/1 done · 1h 02m',
  );
});

test('a long title is cut at a word with an ellipsis, a short one is kept', () => {
  const long = 'Recover the damaged mailbox of Dana Whitfield through the recovery server RECOVER01';
  const cut = shortTitle(long);
  assert.equal(cut, 'Recover the damaged mailbox of…');
  assert.ok(cut.length <= 32);
  assert.equal(shortTitle('Restore EXCH01'), 'Restore EXCH01');
  assert.equal(shortTitle('A'.repeat(40)).length, 32, 'no space: a hard cut');
  assert.equal(shortTitle('  spaced \n out  '), 'spaced out');
});
