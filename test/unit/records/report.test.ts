import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, formatDuration, reportMarkdown } from '../../../core/records/report';
import { foldRun } from '../../../core/records/fold';
import type { RunEvent } from '../../../core/records/events';
import { planOf, start, T } from './helpers';

const plan = planOf();
const state = foldRun([
  start(plan),
  { at: T(60), by: 'Alice', event: 'done', step: 'confirm-backup' },
  { at: T(150), by: 'Bob', event: 'done', step: 'copy-files', override: 'dismount done by the night shift' },
  { at: T(200), by: 'Bob', event: 'skip', step: 'dismount-store', reason: 'already dismounted' },
  { at: T(3800), by: 'Alice', event: 'finish' },
] as RunEvent[]);

test('the report has time per step, overrides, skipped steps and the total', () => {
  const r = buildReport(state, plan);
  assert.equal(r.elapsedMs, 3800_000);
  assert.deepEqual(r.progress, { done: 2, skipped: 1, pending: 3, total: 6 });
  const byId = new Map(r.steps.map((s) => [s.id, s]));
  assert.equal(byId.get('confirm-backup')!.durationMs, 60_000);
  assert.equal(byId.get('copy-files')!.durationMs, 90_000);
  assert.equal(byId.get('dismount-store')!.durationMs, 50_000);
  assert.equal(byId.get('mount-store')!.durationMs, undefined);
  assert.deepEqual(r.overrides, [
    { step: 'copy-files', at: T(150), by: 'Bob', reason: 'dismount done by the night shift' },
  ]);
  assert.deepEqual(r.skipped, [{ step: 'dismount-store', at: T(200), by: 'Bob', reason: 'already dismounted' }]);
  assert.deepEqual(
    r.timeline.map((t) => `${t.by} ${t.event} ${t.step ?? ''}`.trim()),
    ['Alice start', 'Alice done confirm-backup', 'Bob done copy-files', 'Bob skip dismount-store', 'Alice finish'],
  );
  assert.equal(r.steps.find((s) => s.id === 'dismount-store')!.title, 'Dismount the mailbox store');
  assert.equal(r.steps.find((s) => s.id === 'confirm-backup')!.title, 'Confirm that a prerequisite is at hand');
});

test('markdown: sections, escaped cells, durations', () => {
  const md = reportMarkdown(buildReport(state, plan));
  assert.match(md, /^# Run report: Restore the mailbox store/);
  assert.match(md, /- Total elapsed: 1h 03m 20s/);
  assert.match(
    md,
    /## Overrides\n\n- `copy-files` at 2026-11-25T09:02:30.000Z by Bob: dismount done by the night shift/,
  );
  assert.match(md, /\| 2026-11-25T09:03:20.000Z \| Bob \| skip \| dismount-store \| already dismounted \|/);
  assert.equal(formatDuration(4_000), '4s');
  assert.equal(formatDuration(250_000), '4m 10s');
});
