/** Compare, multi-run summary and HTML forms of the report model. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport } from '../../../core/records/report';
import { compareRuns, comparisonDocument, comparisonText, signedDuration } from '../../../core/records/reportCompare';
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

test('compare as HTML: one self-contained file, both runs, per step, every record string escaped', () => {
  const evil = '<img src=x onerror=alert(1)>"\'&</style><script>alert(2)</script>';
  const a = buildReport(
    foldRun([
      startWith({ rehearsal: true, runbook: evil }),
      { at: T(0), by: evil, event: 'begin', step: 'confirm-backup' },
      { at: T(600), by: evil, event: 'done', step: 'confirm-backup' },
      { at: T(700), by: evil, event: 'skip', step: 'dismount-store', reason: evil },
      { at: T(1800), by: evil, event: 'finish' },
    ]),
  );
  const html = comparisonDocument(compareRuns(a, real), { timeZone: 'Europe/Paris' });
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
  // Nothing to run or fetch: the only style is inline, no script, no image, no link, no handler.
  assert.doesNotMatch(html, /<script|<img|<link|<[^>]*\s(on\w+|src|href)=|javascript:/i);
  assert.equal(html.match(/<\/style>/g)?.length, 1, 'no record text closes the style element');
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;&quot;&#39;&amp;&lt;\/style&gt;&lt;script&gt;/);
  // Both runs, their start in the zone asked, and per step: state, who, took, difference.
  assert.match(html, /<h2>First: rehearsal<\/h2>/);
  assert.match(html, /<h2>Second: real run<\/h2>/);
  assert.match(html, new RegExp(`started ${T(0).slice(0, 10)} \\d\\d:\\d\\d:\\d\\d UTC\\+01:00`));
  assert.match(html, /<p class="warn">The two runs are of different runbooks\.<\/p>/);
  const row = (id: string) => html.match(new RegExp(`<tr[^>]*><td><code>${id}</code>.*?</tr>`))?.[0] ?? '';
  assert.match(
    row('confirm-backup'),
    /<td class="num">10m<\/td>.*<td>Bob<\/td><td class="num">5m<\/td><td class="num diff-faster">-5m<\/td>/,
  );
  assert.match(row('dismount-store'), /^<tr class="differs">.*skipped in the first/);
  assert.match(row('check-disk'), /forced in the second; not done in the first/);
  assert.match(html, /@media print/);
  assert.doesNotMatch(html, /class="toolbar"/, 'no buttons in the file');
});
