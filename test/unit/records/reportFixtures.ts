/** Hand-built records for the report tests (the commands that write begin/sign-off events are built elsewhere). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent, StartEvent } from '../../../core/records/events';
import { serializeRecord } from '../../../core/records/serialize';
import { planOf, RUNBOOK, start } from './helpers';

/** `at(90)` is 90 s after `base`. */
export function clockFrom(base: string): (seconds: number) => string {
  return (seconds) => new Date(Date.parse(base) + seconds * 1000).toISOString();
}

/** A rehearsal or a real run of the fixture runbook with begins, an override, a skip, an undo, notes and a sign-off. */
export function sampleRun(base: string, opts: { rehearsal: boolean; by: string; slower?: number }): RunEvent[] {
  const at = clockFrom(base);
  const k = opts.slower ?? 1;
  const startEv: StartEvent = {
    ...(start(planOf()) as StartEvent),
    at: base,
    by: opts.by,
    rehearsal: opts.rehearsal,
    rto: 4 * 3600,
    expect: [
      ['copy-files', 600],
      ['restore-store', 3600],
    ],
    signoff: ['restore-store'],
  };
  return [
    startEv,
    { at: at(30), by: opts.by, event: 'begin', step: 'confirm-backup' },
    { at: at(30 + 120 * k), by: opts.by, event: 'done', step: 'confirm-backup', note: 'tape 14 in the safe' },
    { at: at(200 * k), by: opts.by, event: 'begin', step: 'dismount-store' },
    { at: at(260 * k), by: opts.by, event: 'done', step: 'dismount-store' },
    { at: at(300 * k), by: 'Bob', event: 'begin', step: 'copy-files' },
    { at: at(900 * k), by: 'Bob', event: 'done', step: 'copy-files', evidence: { folder: 'D:\\copy' } },
    { at: at(950 * k), by: 'Bob', event: 'undo', step: 'copy-files', reason: 'wrong folder' },
    { at: at(960 * k), by: 'Bob', event: 'begin', step: 'copy-files' },
    { at: at(1500 * k), by: 'Bob', event: 'done', step: 'copy-files' },
    { at: at(1520 * k), by: opts.by, event: 'skip', step: 'check-disk', reason: 'new disk, checked by storage' },
    { at: at(3000 * k), by: opts.by, event: 'note', note: 'waiting for the tape library' },
    { at: at(3100 * k), by: opts.by, event: 'begin', step: 'restore-store' },
    {
      at: at(7000 * k),
      by: opts.by,
      event: 'done',
      step: 'restore-store',
      evidence: { ntbackupVersion: '5.0.2195.6824' },
      override: 'check-disk skipped on purpose',
    },
    { at: at(7100 * k), by: 'Carol', event: 'signoff', step: 'restore-store' },
    { at: at(7200 * k), by: opts.by, event: 'begin', step: 'mount-store' },
    { at: at(7260 * k), by: opts.by, event: 'done', step: 'mount-store' },
    { at: at(7300 * k), by: opts.by, event: 'finish', note: 'mail flowing again' },
  ];
}

/** `<dir>/db/restore.runbook.yaml` and its records under `db/runs/`; returns the records' paths. */
export function writeWorkspace(dir: string, runs: { stamp: string; events: RunEvent[] }[]): string[] {
  mkdirSync(join(dir, 'db', 'runs'), { recursive: true });
  writeFileSync(join(dir, 'db', 'restore.runbook.yaml'), RUNBOOK);
  return runs.map(({ stamp, events }) => {
    const file = join(dir, 'db', 'runs', `restore.${stamp}.runbook-run`);
    writeFileSync(file, serializeRecord(events));
    return file;
  });
}
