import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, formatDuration, shortDuration, statusLabel } from '../../../core/records/report';
import { reportMarkdown } from '../../../core/records/reportMarkdown';
import { reportText } from '../../../core/records/reportText';
import { foldRun } from '../../../core/records/fold';
import type { RunEvent, StartEvent } from '../../../core/records/events';
import { planOf, shuffled, start, T } from './helpers';

const plan = planOf();

/** The start event of the fixture runbook with an objective, planned times and a sign-off. */
function startWith(extra: Partial<StartEvent> = {}, at?: string): RunEvent {
  return { ...(start(plan) as StartEvent), ...(at ? { at } : {}), ...extra };
}

const events: RunEvent[] = [
  startWith({ rto: 3600, expect: [['copy-files', 60]], signoff: ['copy-files', 'confirm-backup'] }),
  // confirm-backup: ticked with no begin; the report must not invent a time from the start.
  { at: T(60), by: 'Alice', event: 'done', step: 'confirm-backup' },
  { at: T(100), by: 'Bob', event: 'begin', step: 'copy-files' },
  { at: T(130), by: 'Bob', event: 'note', step: 'copy-files', note: 'slow share' },
  { at: T(250), by: 'Bob', event: 'done', step: 'copy-files', override: 'dismount done by the night shift' },
  { at: T(300), by: 'Carol', event: 'signoff', step: 'copy-files' },
  // dismount-store: skipped 25 s after the last tick; no begin, so no time.
  { at: T(275), by: 'Bob', event: 'skip', step: 'dismount-store', reason: 'already dismounted' },
  { at: T(2000), by: 'Alice', event: 'note', note: 'waiting for the tape' },
  { at: T(2100), by: 'Alice', event: 'begin', step: 'check-disk' },
  { at: T(2200), by: 'Alice', event: 'done', step: 'check-disk' },
  { at: T(2210), by: 'Alice', event: 'undo', step: 'check-disk', reason: 'wrong volume' },
  { at: T(2300), by: 'Alice', event: 'begin', step: 'check-disk' },
  { at: T(2420), by: 'Alice', event: 'done', step: 'check-disk' },
  { at: T(2500), by: 'Alice', event: 'begin', step: 'restore-store' },
  { at: T(3800), by: 'Alice', event: 'finish', note: 'store mounted, mail flowing' },
];
const report = buildReport(foldRun(events), { plan });
const byId = new Map(report.steps.map((s) => [s.id, s]));

test('a step takes the time from its begin to its done, not the gap since the previous tick', () => {
  assert.equal(byId.get('copy-files')!.durationMs, 150_000);
  assert.equal(byId.get('copy-files')!.startedAt, T(100));
  assert.equal(byId.get('confirm-backup')!.durationMs, undefined, 'no begin: not recorded');
  assert.equal(byId.get('dismount-store')!.durationMs, undefined, 'no begin: not 25 s');
  const md = reportMarkdown(report);
  assert.match(md, /\| 1 \| confirm-backup: .* \| done \| Alice \|  \| 09:01 \| not recorded \|/);
  assert.match(reportText(report), /^\[x\] confirm-backup {2}done 09:01 by Alice \(time not recorded\)$/m);
});

test('an undone and redone step counts from the begin after the undo, and lists the undo', () => {
  const s = byId.get('check-disk')!;
  assert.equal(s.durationMs, 120_000);
  assert.deepEqual(s.undos, [{ at: T(2210), by: 'Alice', reason: 'wrong volume' }]);
  assert.match(
    reportText(report),
    /\[x\] check-disk {2}done 09:40 by Alice \(2m\)\n {4}undone 09:36 by Alice: wrong volume/,
  );
});

test('planned time from expect, objective from rto, sign-offs from the start event', () => {
  const s = byId.get('copy-files')!;
  assert.equal(s.plannedMs, 60_000);
  assert.deepEqual(s.signedOff, { at: T(300), by: 'Carol' });
  assert.equal(byId.get('confirm-backup')!.signoffRequired, true);
  assert.equal(byId.get('confirm-backup')!.signedOff, undefined);
  assert.deepEqual(report.objective, { ms: 3_600_000, outcome: 'missed' });
  const text = reportText(report);
  assert.match(text, /^\[x\] copy-files {2}done 09:04 by Bob \(2m 30s, planned 1m\) {2}OVERRIDE$/m);
  assert.match(text, /signed off 09:05 by Carol/);
  assert.match(text, /\[x\] confirm-backup .*\n {4}sign-off missing/);
  assert.match(reportMarkdown(report), /Recovery time objective: 1h: missed by 3m/);
});

test('an overridden step says so; not done is never called pending', () => {
  assert.equal(statusLabel(byId.get('copy-files')!), 'done (override)');
  assert.equal(byId.get('mount-store')!.status, 'not done');
  assert.equal(statusLabel(byId.get('restore-store')!), 'in progress');
  const md = reportMarkdown(report);
  assert.match(md, /\| copy-files: .* \| done \(override\) \| Bob \|/);
  assert.doesNotMatch(md, /pending/);
  assert.deepEqual(report.progress, { done: 3, skipped: 1, notDone: 2, total: 6 });
  assert.match(md, /Progress: 3 done, 1 skipped, 2 not done, of 6/);
});

test('the closing note and run notes are in every output', () => {
  assert.equal(report.closingNote, 'store mounted, mail flowing');
  assert.match(reportMarkdown(report), /Closing note: store mounted, mail flowing/);
  assert.match(reportText(report), /^closing note: store mounted, mail flowing$/m);
  assert.match(reportText(report), /^run note 09:33 by Alice: waiting for the tape$/m);
});

test('idle gaps: long quiet stretches with nothing in progress, not a long step', () => {
  // 300 (the sign-off) → 2000 s: nothing begun and not done: idle. 2500 → 3800 s: restore-store is in progress.
  assert.deepEqual(report.idle, [{ from: T(300), to: T(2000), ms: 1_700_000 }]);
  const quiet = buildReport(foldRun(events), { plan, idleMs: 60 * 60_000 });
  assert.deepEqual(quiet.idle, []);
});

test('an unfinished run: elapsed runs to now, never 0 s; the text form stays independent of now', () => {
  const open = foldRun([startWith(), { at: T(10), by: 'Alice', event: 'begin', step: 'confirm-backup' }]);
  const r = buildReport(open, { now: T(300) });
  assert.equal(r.elapsedMs, 300_000);
  assert.match(reportMarkdown(r), /Total elapsed: 5m 00s so far/);
  const onlyStart = buildReport(foldRun([startWith({ rto: 60 })]), { now: T(300) });
  assert.equal(onlyStart.elapsedMs, 300_000);
  assert.equal(onlyStart.objective!.outcome, 'exceeded');
  assert.equal(reportText(buildReport(open, { now: T(300) })), reportText(buildReport(open, { now: T(900) })));
  assert.match(reportText(r), /^\[ \] confirm-backup {2}in progress since 09:00$/m);
  assert.match(reportText(r), /^not finished; last event 2026-11-25 09:00:10 UTC$/m);
});

test('a run across midnight in the operator zone: dates appear after midnight, durations are exact', () => {
  // 23:50 in Paris (UTC+1) on 25 Nov is 22:50Z.
  const t = (m: number) => new Date(Date.parse('2026-11-25T22:50:00.000Z') + m * 60_000).toISOString();
  const r = buildReport(
    foldRun([
      startWith({}, t(0)),
      { at: t(5), by: 'Alice', event: 'begin', step: 'confirm-backup' },
      { at: t(25), by: 'Alice', event: 'done', step: 'confirm-backup' },
      { at: t(40), by: 'Alice', event: 'finish' },
    ]),
  );
  assert.equal(r.steps[0].durationMs, 20 * 60_000);
  const text = reportText(r, 'Europe/Paris');
  assert.match(text, /^started 2026-11-25 23:50:00 UTC\+01:00 by Alice$/m);
  assert.match(text, /^\[x\] confirm-backup {2}done 2026-11-26 00:15 by Alice \(20m\)$/m);
  assert.match(text, /^finished 2026-11-26 00:30:00 UTC\+01:00 by Alice, elapsed 40m$/m);
});

test('a run across the end of daylight saving: the clock goes back, the duration does not', () => {
  // Paris, 25 Oct 2026: 03:00 CEST becomes 02:00 CET at 01:00Z. Begin 02:50 CEST, done 02:10 CET: 20 minutes.
  const r = buildReport(
    foldRun([
      startWith({}, '2026-10-25T00:30:00.000Z'),
      { at: '2026-10-25T00:50:00.000Z', by: 'Alice', event: 'begin', step: 'confirm-backup' },
      { at: '2026-10-25T01:10:00.000Z', by: 'Alice', event: 'done', step: 'confirm-backup' },
      { at: '2026-10-25T01:20:00.000Z', by: 'Alice', event: 'finish' },
    ]),
  );
  assert.equal(r.steps[0].durationMs, 20 * 60_000);
  assert.equal(r.elapsedMs, 50 * 60_000);
  const text = reportText(r, 'Europe/Paris');
  assert.match(text, /^started 2026-10-25 02:30:00 UTC\+02:00 by Alice$/m);
  assert.match(text, /^\[x\] confirm-backup {2}done 02:10 UTC\+01:00 by Alice \(20m\)$/m);
  assert.match(text, /elapsed 50m$/m);
});

test('text form: one line per fact even when notes hold newlines or terminal escapes', () => {
  const r = buildReport(
    foldRun([
      startWith(),
      {
        at: T(5),
        by: 'Eve\u001b[31m',
        event: 'done',
        step: 'confirm-backup',
        note: 'line one\nline two\r\n\u001b]0;pwned\u0007',
      },
    ]),
  );
  const text = reportText(r);
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f]/, 'no control character but the newlines between lines');
  assert.match(text, /^ {4}note 09:00 by Eve\\u001b\[31m: line one\\nline two\\n\\u001b\]0;pwned\\u0007$/m);
});

test('text form: the same record in any line order gives the same text', () => {
  const text = reportText(report);
  for (const seed of [1, 2, 3]) assert.equal(reportText(buildReport(foldRun(shuffled(events, seed)), { plan })), text);
});

test('a step the runbook no longer has is still reported, marked as removed', () => {
  const r = buildReport(foldRun([startWith(), { at: T(5), by: 'Alice', event: 'done', step: 'old-step' }]), { plan });
  const old = r.steps.find((s) => s.id === 'old-step')!;
  assert.equal(old.removed, true);
  assert.equal(r.progress.total, 6, 'removed steps do not count toward progress');
});

test('durations in words', () => {
  assert.equal(formatDuration(4_000), '4s');
  assert.equal(formatDuration(250_000), '4m 10s');
  assert.equal(shortDuration(45_000), '45s');
  assert.equal(shortDuration(12 * 60_000), '12m');
  assert.equal(shortDuration(65 * 60_000), '1h 05m');
  assert.equal(shortDuration(2 * 3600_000), '2h');
  assert.equal(shortDuration(51 * 3600_000), '2d 3h');
});
