/**
 * Where run records live and what they are called. Pure path logic plus two directory reads; no
 * writes, no locks.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import {
  fileStamp,
  isRecordOf,
  recordName,
  runbookStem as stemOf,
  sortRecordNames,
} from '../../core/records/recordNames';

export { fileStamp };

export const DEFAULT_RUNS_FOLDER = 'runs';

/** `member-server` for `member-server.runbook.yaml`. */
export function runbookStem(runbookPath: string): string {
  return stemOf(basename(runbookPath));
}

export function runsFolder(runbookPath: string, folder = DEFAULT_RUNS_FOLDER): string {
  return resolve(dirname(runbookPath), folder);
}

/** A new record's path that no file has yet. */
export function newRecordPath(runbookPath: string, startedAt: string, folder = DEFAULT_RUNS_FOLDER): string {
  const dir = runsFolder(runbookPath, folder);
  const stem = runbookStem(runbookPath);
  for (let n = 1; ; n++) {
    const candidate = join(dir, recordName(stem, startedAt, n));
    if (!existsSync(candidate) && !existsSync(`${candidate}.lock`)) return candidate;
  }
}

/** The records of a runbook, oldest first (names sort by start time). */
export function listRecords(runbookPath: string, folder = DEFAULT_RUNS_FOLDER): string[] {
  const dir = runsFolder(runbookPath, folder);
  const stem = runbookStem(runbookPath);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return sortRecordNames(names.filter((n) => isRecordOf(stem, n))).map((n) => join(dir, n));
}

/** `/`-separated path of `file` relative to `root` (what a start event records). */
export function relativePath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
