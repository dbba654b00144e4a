/** Reading what a report needs: a record (strictly, or leniently for git textconv) and its runbook's plan. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLanguageService } from '../../../core/service';
import { planFromParsed, type RunbookPlan } from '../../../core/records/plan';
import { loadRecord, RecordUnreadableError, type LoadedRecord } from '../../../node/recordFiles';
import { UsageError } from '../files';
import { findRunbook } from '../run/runCommand';

export function readRecord(file: string): LoadedRecord {
  if (!existsSync(file)) throw new UsageError(`No such record: ${file}`);
  const record = loadRecord(file);
  if (record.problems.length) throw new RecordUnreadableError(file, record.problems);
  if (!record.start) throw new RecordUnreadableError(file, [{ line: 1, message: 'the record has no start event' }]);
  return record;
}

export function planOfRunbook(file: string): RunbookPlan {
  const service = createLanguageService();
  return planFromParsed(service.parsed(`file://${resolve(file)}`, readFileSync(file, 'utf8')));
}

/** The runbook's plan as it is now, when the runbook can be found next to the record. */
export function planFor(record: LoadedRecord, cwd: string): RunbookPlan | undefined {
  const runbook = findRunbook(record.file, record.start!, cwd);
  return runbook ? planOfRunbook(runbook) : undefined;
}
