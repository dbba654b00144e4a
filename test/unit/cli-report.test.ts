/** `runbook report` through the built CLI: every format, comparing, the runs list, the git hint. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, cli } from './records/cli';
import { sampleRun, writeWorkspace } from './records/reportFixtures';

let dir: string;
let rehearsal: string;
let real: string;

before(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'runbook-cli-report-'));
  [rehearsal, real] = writeWorkspace(dir, [
    { stamp: '20261101T220000Z', events: sampleRun('2026-11-01T22:00:00.000Z', { rehearsal: true, by: 'Alice' }) },
    {
      stamp: '20261125T090000Z',
      events: sampleRun('2026-11-25T09:00:00.000Z', { rehearsal: false, by: 'Dan', slower: 2 }),
    },
  ]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('text: the checklist form, in the zone asked, across midnight', () => {
  const r = cli(['report', rehearsal, '--format', 'text', '--tz', 'Europe/Paris'], dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '', 'no hint on the textconv path: git would show it');
  const lines = r.out.split('\n');
  assert.deepEqual(lines.slice(0, 5), [
    'rehearsal of db/restore.runbook.yaml: Restore the mailbox store',
    lines[1],
    'started 2026-11-01 23:00:00 UTC+01:00 by Alice',
    'objective 4h',
    '[x] confirm-backup  done 23:02 by Alice (2m)',
  ]);
  assert.ok(lines.includes('[x] restore-store  done 2026-11-02 00:56 by Alice (1h 05m, planned 1h)  OVERRIDE'));
  assert.ok(lines.includes('    signed off 2026-11-02 00:58 by Carol'));
  assert.ok(lines.includes('[-] check-disk  skipped 23:25 by Alice: new disk, checked by storage'));
  assert.ok(lines.includes('closing note: mail flowing again'));
});

test('md: corrected report with planned times, objective, closing note; a hint for git diffs', () => {
  execFileSync('git', ['init', '-q', dir]);
  const r = cli(['report', real, '--tz', 'UTC'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /- Recovery time objective: 4h: missed by 3m 20s/);
  assert.match(r.out, /- Closing note: mail flowing again/);
  assert.match(
    r.out,
    /\| copy-files: .* \| done \| Bob \| 09:32 \| 09:50 \| 18m \| 10m \| {2}\| undone by Bob: wrong folder \|/,
  );
  assert.match(r.out, /\| restore-store: .* \| done \(override\) \| Dan \|/);
  assert.match(r.err, /\*\.runbook-run diff=runbook-run/);
  assert.match(r.err, /git config diff\.runbook-run\.textconv "runbook report --format text"/);
});

test('json: versioned, with durations, plan and idle gaps', () => {
  const r = cli(['report', real, '--format', 'json', '--tz', 'UTC'], dir);
  const json = JSON.parse(r.out);
  assert.equal(json.version, 1);
  assert.equal(json.timeZone, 'UTC');
  const copy = json.steps.find((s: { id: string }) => s.id === 'copy-files');
  assert.equal(copy.durationMs, 1080_000);
  assert.equal(copy.plannedMs, 600_000);
  assert.deepEqual(copy.undos, [{ at: '2026-11-25T09:31:40.000Z', by: 'Bob', reason: 'wrong folder' }]);
  assert.equal(json.idle.length, 1);
  assert.equal(json.objective.outcome, 'missed');
});

test('html: one self-contained file written with --output', () => {
  const r = cli(['report', real, '--format', 'html', '--output', 'report.html'], dir);
  assert.equal(r.code, 0, r.err);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.doesNotMatch(html, /<script|<link|src=/);
  assert.equal((html.match(/class="bar /g) ?? []).length, 5, 'check-disk was skipped without a begin: no bar');
});

test('compare: the rehearsal against the real run', () => {
  const r = cli(['report', rehearsal, real, '--format', 'text'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^copy-files {2}done by Bob \(9m\) \| done by Bob \(18m\) {2}\+9m$/m);
  assert.match(
    r.out,
    /^restore-store {2}done \(override\) by Alice \(1h 05m\) \| done \(override\) by Dan \(2h 10m\) {2}\+1h 05m$/m,
  );
  const md = cli(['report', rehearsal, real], dir);
  assert.match(md.out, /^# Runs compared/);
});

test('compare as html: one self-contained file written with --output', () => {
  const r = cli(['report', rehearsal, real, '--format', 'html', '--tz', 'UTC', '--output', 'compare.html'], dir);
  assert.equal(r.code, 0, r.err);
  const html = readFileSync(join(dir, 'compare.html'), 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.doesNotMatch(html, /<script|<link|src=/);
  assert.match(html, /<h2>First: rehearsal<\/h2>.*<h2>Second: real run<\/h2>/);
  assert.match(html, /started 2026-11-01 22:00:00 UTC/);
  assert.match(html, /<code>copy-files<\/code>.*?<td class="num diff-slower">\+9m<\/td>/);
});

test('--runs: every run of the runbook, oldest first', () => {
  const r = cli(['report', '--runs', 'db/restore.runbook.yaml', '--format', 'text'], dir);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.split('\n').slice(1), [
    '2026-11-01T22:00:00.000Z  db/runs/restore.20261101T220000Z.runbook-run  rehearsal, elapsed 2h 02m, objective met, by Alice, Bob, Carol',
    '2026-11-25T09:00:00.000Z  db/runs/restore.20261125T090000Z.runbook-run  real run, elapsed 4h 03m, objective missed, by Bob, Carol, Dan',
  ]);
});

test('text never fails on a damaged record: git diff must still work', () => {
  appendFileSync(rehearsal, '<<<<<<< HEAD\n');
  const r = cli(['report', rehearsal, '--format', 'text'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^this record cannot be read as a run/);
  assert.match(r.out, /problem at line 19: git conflict marker/);
  assert.equal(cli(['report', rehearsal], dir).code, 1, 'the other formats refuse it');
});

test('usage errors exit 2', () => {
  assert.equal(cli(['report', real, '--format', 'pdf'], dir).code, 2);
  assert.match(cli(['report', real, '--tz', 'Mars/Olympus'], dir).err, /unknown time zone 'Mars\/Olympus'/);
  assert.equal(cli(['report'], dir).code, 2);
  assert.equal(cli(['report', real, '--bogus'], dir).code, 2);
});
