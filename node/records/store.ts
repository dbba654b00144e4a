/**
 * Reading and changing one record: every change re-reads the file under its lock, decides on the
 * freshest state, and replaces the file atomically. A file that does not parse is never written:
 * the caller gets RecordUnreadableError with the line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { RunEvent } from '../../core/records/events';
import { parseRecord, type ParsedRecord, type RecordProblem } from '../../core/records/parse';
import { serializeRecord } from '../../core/records/serialize';
import { foldRun, type RunState } from '../../core/records/fold';
import { assertReplaceable, writeAtomic, writeAtomicAsync } from './atomicWrite';
import { withLock, withLockAsync } from './lock';
import { ioError, RecordIoError } from './errors';

export class RecordUnreadableError extends Error {
  constructor(
    readonly file: string,
    readonly problems: RecordProblem[],
  ) {
    super(
      `${file}:${problems[0]?.line ?? 1}: ${problems[0]?.message ?? 'cannot be read'} (the record is left as it is)`,
    );
  }
}

export interface LoadedRecord extends ParsedRecord {
  file: string;
  text: string;
  state: RunState;
}

export function loadRecord(file: string): LoadedRecord {
  return recordOf(file, readFileSync(file, 'utf8'));
}

export async function loadRecordAsync(file: string): Promise<LoadedRecord> {
  return recordOf(file, await readFile(file, 'utf8'));
}

function recordOf(file: string, text: string): LoadedRecord {
  const parsed = parseRecord(text);
  return { ...parsed, file, text, state: foldRun(parsed.events) };
}

function readForUpdate(file: string, text: () => string): LoadedRecord {
  let record: LoadedRecord;
  try {
    record = recordOf(file, text());
  } catch (e) {
    throw ioError('read', file, e);
  }
  if (record.problems.length) throw new RecordUnreadableError(file, record.problems);
  return record;
}

type Decision<R> = { event: RunEvent } | R;
type Updated<R> = { event: RunEvent; record: LoadedRecord } | R;

function eventOf<R>(result: Decision<R>): RunEvent | undefined {
  if (!result || typeof result !== 'object' || !('event' in result)) return undefined;
  return (result as { event: RunEvent }).event || undefined;
}

/** Creates a record holding only its start event. Fails if the file exists. */
export function createRecord(file: string, start: RunEvent): void {
  withLock(file, () => {
    if (existsSync(file)) throw new RecordIoError(`${file} already exists`);
    writeAtomic(file, serializeRecord([start]));
  });
}

export async function createRecordAsync(file: string, start: RunEvent): Promise<void> {
  await withLockAsync(file, async () => {
    if (existsSync(file)) throw new RecordIoError(`${file} already exists`);
    await writeAtomicAsync(file, serializeRecord([start]));
  });
}

/**
 * Reads the record, lets `decide` turn its freshest state into an event (or refuse by returning a
 * value of its own), and writes the record with the event added. Never writes a record that does
 * not parse, nor one the user protected (checked before `decide`, so nothing is decided in vain).
 */
export function updateRecord<R>(file: string, decide: (record: LoadedRecord) => Decision<R>): Updated<R> {
  assertReplaceable(file);
  return withLock(file, () => {
    const record = readForUpdate(file, () => readFileSync(file, 'utf8'));
    const result = decide(record);
    const event = eventOf(result);
    if (!event) return result as R;
    const text = serializeRecord([...record.events, event]);
    writeAtomic(file, text);
    return { event, record: recordOf(file, text) };
  });
}

export async function updateRecordAsync<R>(
  file: string,
  decide: (record: LoadedRecord) => Decision<R>,
): Promise<Updated<R>> {
  assertReplaceable(file);
  let current: string;
  return withLockAsync(file, async () => {
    try {
      current = await readFile(file, 'utf8');
    } catch (e) {
      throw ioError('read', file, e);
    }
    const record = readForUpdate(file, () => current);
    const result = decide(record);
    const event = eventOf(result);
    if (!event) return result as R;
    const text = serializeRecord([...record.events, event]);
    await writeAtomicAsync(file, text);
    return { event, record: recordOf(file, text) };
  });
}
