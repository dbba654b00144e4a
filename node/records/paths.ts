/**
 * Where run records live and what they are called. Pure path logic plus two directory reads; no
 * writes, no locks.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { RECORD_EXTENSION } from '../../core/records/events';

export const DEFAULT_RUNS_FOLDER = 'runs';

/** `member-server` for `member-server.runbook.yaml`. */
export function runbookStem(runbookPath: string): string {
  return basename(runbookPath)
    .replace(/\.runbook\.ya?ml$/i, '')
    .replace(/\.ya?ml$/i, '');
}

export function runsFolder(runbookPath: string, folder = DEFAULT_RUNS_FOLDER): string {
  return resolve(dirname(runbookPath), folder);
}

/** `20261125T090000Z` from `2026-11-25T09:00:00.000Z`: sorts by time and is safe in file names. */
export function fileStamp(at: string): string {
  return at.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** A new record's path that no file has yet. */
export function newRecordPath(runbookPath: string, startedAt: string, folder = DEFAULT_RUNS_FOLDER): string {
  const dir = runsFolder(runbookPath, folder);
  const base = `${runbookStem(runbookPath)}.${fileStamp(startedAt)}`;
  for (let n = 1; ; n++) {
    const candidate = join(dir, `${base}${n === 1 ? '' : `-${n}`}${RECORD_EXTENSION}`);
    if (!existsSync(candidate) && !existsSync(`${candidate}.lock`)) return candidate;
  }
}

/** The records of a runbook, oldest first (names sort by start time). */
export function listRecords(runbookPath: string, folder = DEFAULT_RUNS_FOLDER): string[] {
  const dir = runsFolder(runbookPath, folder);
  const prefix = `${runbookStem(runbookPath)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter(
      (n) =>
        n.startsWith(prefix) &&
        n.endsWith(RECORD_EXTENSION) &&
        /^\d{8}T\d{6}Z(-\d+)?$/.test(n.slice(prefix.length, -RECORD_EXTENSION.length)),
    )
    .sort((a, b) => recordOrder(a) - recordOrder(b) || (a < b ? -1 : 1))
    .map((n) => join(dir, n));
}

function recordOrder(name: string): number {
  const m = /\.(\d{8}T\d{6}Z)(?:-(\d+))?\.runbook-run$/.exec(name);
  if (!m) return 0;
  const s = m[1];
  return (
    Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`) +
    Number(m[2] ?? 1)
  );
}

/** `/`-separated path of `file` relative to `root` (what a start event records). */
export function relativePath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
