/** Reading what a report needs: a record (strictly, or leniently for git textconv) and its runbook's plan. */
import { existsSync } from 'node:fs';
import type { RunbookPlan } from '../../../core/records/plan';
import { loadRecord, RecordUnreadableError, type LoadedRecord } from '../../../node/recordFiles';
import { UsageError } from '../files';
import { findRunbook, planOf } from '../run/runCommand';

export function readRecord(file: string): LoadedRecord {
  if (!existsSync(file)) throw new UsageError(`No such record: ${file}`);
  const record = loadRecord(file);
  if (record.problems.length) throw new RecordUnreadableError(file, record.problems);
  if (!record.start) throw new RecordUnreadableError(file, [{ line: 1, message: 'the record has no start event' }]);
  return record;
}

export function planOfRunbook(file: string): RunbookPlan {
  return planOf(file);
}

/** The runbook's plan as it is now, when the runbook can be found next to the record. */
export function planFor(record: LoadedRecord, cwd: string): RunbookPlan | undefined {
  const runbook = findRunbook(record.file, record.start!, cwd);
  return runbook ? planOfRunbook(runbook) : undefined;
}
