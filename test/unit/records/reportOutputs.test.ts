/** Compare, multi-run summary and HTML forms of the report model. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport } from '../../../core/records/report';
import { compareRuns, comparisonText, signedDuration } from '../../../core/records/reportCompare';
import { reportDocument } from '../../../core/records/reportHtml';
import { runsText, summarizeRun } from '../../../core/records/reportRuns';
import { foldRun } from '../../../core/records/fold';
import type { RunEvent, StartEvent } from '../../../core/records/events';
import { planOf, start, T } from './helpers';

const plan = planOf();
const startWith = (extra: Partial<StartEvent> = {}): RunEvent => ({ ...(start(plan) as StartEvent), ...extra });

const rehearsal = buildReport(
  foldRun([
    startWith({ rehearsal: true, rto: 3600 }),
    { at: T(0), by: 'Alice', event: 'begin', step: 'confirm-backup' },
    { at: T(600), by: 'Alice', event: 'done', step: 'confirm-backup' },
    { at: T(700), by: 'Alice', event: 'skip', step: 'dismount-store', reason: 'lab store already down' },
    { at: T(1800), by: 'Alice', event: 'finish' },
  ]),
);
const real = buildReport(
  foldRun([
    startWith({ rto: 3600 }),
    { at: T(0), by: 'Bob', event: 'begin', step: 'confirm-backup' },
    { at: T(300), by: 'Bob', event: 'done', step: 'confirm-backup' },
    { at: T(400), by: 'Bob', event: 'begin', step: 'dismount-store' },
    { at: T(500), by: 'Bob', event: 'done', step: 'dismount-store' },
    { at: T(560), by: 'Bob', event: 'done', step: 'check-disk', override: 'disk checked by storage team' },
    { at: T(4000), by: 'Bob', event: 'finish' },
  ]),
);

test('compare: durations and their difference, skipped or forced in one run only, who', () => {
  const c = compareRuns(rehearsal, real);
  const row = (id: string) => c.rows.find((r) => r.id === id)!;
  assert.equal(row('confirm-backup').deltaMs, -300_000);
  assert.equal(row('confirm-backup').a!.by, 'Alice');
  assert.equal(row('confirm-backup').b!.by, 'Bob');
  assert.deepEqual(row('dismount-store').differs, ['skipped in the first']);
  assert.deepEqual(row('check-disk').differs, ['forced in the second', 'not done in the first']);
  assert.deepEqual(row('mount-store').differs, []);
  assert.equal(signedDuration(-300_000), '-5m');
  const text = comparisonText(c);
  assert.match(text, /^confirm-backup {2}done by Alice \(10m\) \| done by Bob \(5m\) {2}-5m$/m);
  assert.match(
    text,
    /^check-disk {2}not done \| done \(override\) by Bob {2}\[forced in the second; not done in the first\]$/m,
  );
});

test('runs summary: kind, elapsed, objective, operators', () => {
  const text = runsText('db/restore.runbook.yaml', [
    summarizeRun('a.runbook-run', rehearsal),
    summarizeRun('b.runbook-run', real),
  ]);
  assert.match(text, /a\.runbook-run {2}rehearsal, elapsed 30m, objective met, by Alice/);
  assert.match(text, /b\.runbook-run {2}real run, elapsed 1h 07m, objective missed, by Alice, Bob/);
  assert.equal(runsText('x', []), 'no runs of x\n');
});

test('HTML export: self-contained, no script, one bar per started step, every record string escaped', () => {
  const evil = '<img src=x onerror=alert(1)>"\'&';
  const r = buildReport(
    foldRun([
      startWith({ title: evil, reason: evil, errors: 2 }),
      { at: T(1), by: evil, event: 'begin', step: 'confirm-backup' },
      {
        at: T(60),
        by: evil,
        event: 'done',
        step: 'confirm-backup',
        note: evil,
        evidence: { [evil]: evil },
        override: evil,
      },
      { at: T(70), by: evil, event: 'skip', step: 'copy-files', reason: evil },
      { at: T(80), by: evil, event: 'note', note: evil },
      { at: T(90), by: evil, event: 'finish', note: evil },
    ]),
  );
  const html = reportDocument(r, { timeZone: 'UTC' });
  assert.doesNotMatch(html, /<script|<img|<[^>]*\sonerror=|javascript:|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;&quot;&#39;&amp;/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
  assert.equal((html.match(/class="bar /g) ?? []).length, 1, 'one started step, one bar');
  assert.equal((html.match(/data-kind="skip"/g) ?? []).length, 1);
  assert.equal((html.match(/data-kind="override"/g) ?? []).length, 1);
  assert.match(html, /@media print/);
});
