/** Shared fixtures of the run-record tests: a small runbook, its plan, and events to fold. */
import { createLanguageService } from '../../../core/service';
import { planFromParsed, type RunbookPlan } from '../../../core/records/plan';
import { startEvent } from '../../../core/records/commands';
import type { RunEvent } from '../../../core/records/events';

export const RUNBOOK = `runbook: 1
title: Restore the mailbox store
scenario: database-restore
server:
  name: EXCH01
steps:
  - id: confirm-backup
    action: prereq.confirm
    with: { item: exchange-database-backup }
  - id: dismount-store
    action: database.dismount
    title: Dismount the mailbox store
    notes: Tell the help desk first.
  - id: copy-files
    action: database.copy-existing
    parallel: prep
  - id: check-disk
    action: disk.check-capacity
    parallel: prep
  - id: restore-store
    action: database.restore
    after: [check-disk]
    evidence:
      - key: ntbackupVersion
        label: NTBackup version used
        pattern: '^\\d+\\.\\d+\\.\\d+\\.\\d+$'
      - key: ticket
        optional: true
  - id: mount-store
    action: database.mount
`;

export function planOf(text: string = RUNBOOK): RunbookPlan {
  return planFromParsed(createLanguageService().parsed('file:///w/restore.runbook.yaml', text));
}

export const T0 = '2026-11-25T09:00:00.000Z';

/** `T(90)` is 90 seconds after T0. */
export function T(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString();
}

export function start(plan: RunbookPlan = planOf(), by = 'Alice'): RunEvent {
  return startEvent(plan, 'db/restore.runbook.yaml', { now: T0, by, rehearsal: false });
}

/** A deterministic shuffle (so a failing test fails the same way every time). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
