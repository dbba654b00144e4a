/**
 * Names of run records, one rule for every host (node/records/paths.ts on disk, the web checklist
 * through vscode.workspace.fs): `<runbook stem>.<UTC stamp>[-n].runbook-run`, sorted by start time.
 */
import { RECORD_EXTENSION } from './events';

/** `member-server` for `member-server.runbook.yaml`. */
export function runbookStem(fileName: string): string {
  return fileName.replace(/\.runbook\.ya?ml$/i, '').replace(/\.ya?ml$/i, '');
}

/** `20261125T090000Z` from `2026-11-25T09:00:00.000Z`: sorts by time and is safe in file names. */
export function fileStamp(at: string): string {
  return at.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
}

/** The n-th candidate name of a record started at `startedAt` (n = 1, 2, … until one is free). */
export function recordName(stem: string, startedAt: string, n: number): string {
  return `${stem}.${fileStamp(startedAt)}${n === 1 ? '' : `-${n}`}${RECORD_EXTENSION}`;
}

/** A record of the runbook with this stem (not of `member-server-2`, not a stray file). */
export function isRecordOf(stem: string, name: string): boolean {
  const prefix = `${stem}.`;
  return (
    name.startsWith(prefix) &&
    name.endsWith(RECORD_EXTENSION) &&
    /^\d{8}T\d{6}Z(-\d+)?$/.test(name.slice(prefix.length, -RECORD_EXTENSION.length))
  );
}

function order(name: string): number {
  const m = /\.(\d{8}T\d{6}Z)(?:-(\d+))?\.runbook-run$/.exec(name);
  if (!m) return 0;
  const s = m[1];
  return (
    Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`) +
    Number(m[2] ?? 1)
  );
}

/** Oldest first. */
export function sortRecordNames(names: string[]): string[] {
  return [...names].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
}
