/**
 * Run records on disk, shared by the CLI and the extension (which bundles this module; it uses
 * Node's fs and git, never `vscode`). The record model itself is pure: core/records.
 *
 * Layout: `<folder of the runbook>/runs/<runbook name>.<start time>.runbook-run`, one JSON event
 * per line. Every change re-reads the file under a lock, decides on the freshest state, and
 * replaces the file atomically (temp file in the same folder, fsync, rename). A file that does not
 * parse is never written: the caller gets `RecordUnreadableError` with the line.
 *
 * Git: concurrent appends at the end of a file conflict under git's default merge (measured in
 * test/unit/records/git-merge.test.ts), so records need `*.runbook-run merge=union` in
 * .gitattributes; with it, both sides' lines are kept and the fold sorts them.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { GITATTRIBUTES_LINE, RECORD_EXTENSION, type RunEvent } from '../core/records/events';
import { parseRecord, type ParsedRecord, type RecordProblem } from '../core/records/parse';
import { serializeRecord } from '../core/records/serialize';
import { foldRun, type RunState } from '../core/records/fold';

export const DEFAULT_RUNS_FOLDER = 'runs';

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

export interface LoadedRecord extends ParsedRecord {
  file: string;
  text: string;
  state: RunState;
}

export function loadRecord(file: string): LoadedRecord {
  return recordOf(file, readFileSync(file, 'utf8'));
}

function recordOf(file: string, text: string): LoadedRecord {
  const parsed = parseRecord(text);
  return { ...parsed, file, text, state: foldRun(parsed.events) };
}

/** Replaces `file` with `text` so that a reader sees the old or the new file, never a part. */
export function writeAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  const fd = openSync(temp, 'wx', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw e;
  }
}

const LOCK_STALE_MS = 10_000;
const LOCK_WAIT_MS = 3_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding `<file>.lock` (O_EXCL), so two writers never interleave a read and a rename. */
export function withLock<T>(file: string, fn: () => T): T {
  mkdirSync(dirname(file), { recursive: true });
  const lock = `${file}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) {
          unlinkSync(lock);
          continue;
        }
      } catch {
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`${file} is being written by another program (${lock} exists); try again`);
      sleep(25);
    }
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      /* removed as stale by someone else */
    }
  }
}

/**
 * Creates a record holding only its start event. Fails if the file exists.
 */
export function createRecord(file: string, start: RunEvent): void {
  withLock(file, () => {
    if (existsSync(file)) throw new Error(`${file} already exists`);
    writeAtomic(file, serializeRecord([start]));
  });
}

/**
 * Reads the record, lets `decide` turn its freshest state into an event (or refuse by returning a
 * value of its own), and writes the record with the event added. Never writes a record that does
 * not parse.
 */
export function updateRecord<R>(
  file: string,
  decide: (record: LoadedRecord) => { event: RunEvent } | R,
): { event: RunEvent; record: LoadedRecord } | R {
  return withLock(file, () => {
    const record = loadRecord(file);
    if (record.problems.length) throw new RecordUnreadableError(file, record.problems);
    const result = decide(record);
    if (!result || typeof result !== 'object' || !('event' in result) || !result.event) return result as R;
    const event = (result as { event: RunEvent }).event;
    const text = serializeRecord([...record.events, event]);
    writeAtomic(file, text);
    return { event, record: recordOf(file, text) };
  });
}

// ---- git ----

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
  } catch {
    return undefined;
  }
}

/** `git config user.name` as seen from `cwd`, if set. */
export function gitUserName(cwd: string): string | undefined {
  return git(cwd, ['config', 'user.name']) || undefined;
}

/** The top folder of the git work tree holding `cwd`, if any. */
export function gitTopLevel(cwd: string): string | undefined {
  return git(cwd, ['rev-parse', '--show-toplevel']) || undefined;
}

export type UnionStatus = { kind: 'union' } | { kind: 'missing'; root: string } | { kind: 'not-git' };

/** Whether git merges `file` with the union driver (`git check-attr merge`). */
export function unionMergeStatus(file: string): UnionStatus {
  const dir = existsSync(dirname(file)) ? dirname(file) : dirname(dirname(file));
  const root = gitTopLevel(dir);
  if (!root) return { kind: 'not-git' };
  const out = git(root, ['check-attr', 'merge', '--', relative(root, file).split(sep).join('/')]);
  return out && /: merge: union$/.test(out) ? { kind: 'union' } : { kind: 'missing', root };
}

/** Adds the union line to `<root>/.gitattributes` (creating it), unless it is there. */
export function addUnionAttribute(root: string): string {
  const file = join(root, '.gitattributes');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current.split(/\r?\n/).some((l) => l.trim() === GITATTRIBUTES_LINE)) return file;
  const text = `${current}${current && !current.endsWith('\n') ? '\n' : ''}# Run records: keep the lines of both sides when two clones append (Runbook Studio)\n${GITATTRIBUTES_LINE}\n`;
  writeAtomic(file, text);
  return file;
}

/** The hint printed (CLI) or offered (extension) when records would conflict in git. */
export function unionHint(root: string): string {
  return `hint: run records merge without conflicts only with a union merge; add this line to ${join(root, '.gitattributes')}:\n  ${GITATTRIBUTES_LINE}`;
}

/** `/`-separated path of `file` relative to `root` (what a start event records). */
export function relativePath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
