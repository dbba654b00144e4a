/**
 * One writer at a time per record: `<record>.lock`, created with O_EXCL, holding its owner
 * (`{"pid","host","at","token"}`).
 *
 * Every wait is bounded: past LOCK_WAIT_MS the caller gets RecordLockedError with one line that
 * names the owner, never an endless loop. A lock is stale when its owner is gone: on the same host
 * the pid no longer runs (a CLI killed with SIGKILL frees the record at once, not after a timeout);
 * on another host (a shared folder) or with no readable owner, it is judged by age. A stale lock
 * that cannot be removed (read-only folder, a folder in its place that we may not move) ends the
 * wait with a message saying so, instead of spinning.
 *
 * Why not proper-lockfile: it judges staleness only by mtime (refreshed by a timer the holder
 * must keep running), records no owner, has no synchronous wait for the CLI, and brings three
 * dependencies. What is needed here is small and lives in this file.
 */
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ioError, RecordLockedError } from './errors';

export const LOCK_WAIT_MS = Number(process.env.RUNBOOK_LOCK_WAIT_MS ?? 5_000);
/** A live owner on this host holding a lock this long is taken to be a reused pid or a hung process. */
const LIVE_OWNER_MAX_MS = 60_000;
/** The owner is on another host (we cannot ask whether it lives): stale after this long. */
const OTHER_HOST_STALE_MS = 30_000;
/** No readable owner (a lock cut off between create and write, or an old-style empty lock). */
const UNKNOWN_OWNER_STALE_MS = 2_000;

export interface LockOwner {
  pid: number;
  host: string;
  at: string;
  token: string;
}

const HOST = hostname();

export function lockPath(file: string): string {
  return `${file}.lock`;
}

/** Whether process `pid` runs on this host (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lock: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(lock, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? (o as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

function describe(owner: LockOwner | undefined): string {
  if (!owner) return 'another program';
  return owner.host === HOST ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
}

type Seen = { kind: 'gone' } | { kind: 'live'; owner?: LockOwner } | { kind: 'stale'; ino: number; why: string };

function inspect(lock: string, now: number): Seen {
  let st;
  try {
    st = lstatSync(lock);
  } catch {
    return { kind: 'gone' };
  }
  const age = now - st.mtimeMs;
  const owner = st.isFile() ? readOwner(lock) : undefined;
  if (!owner) {
    return age > UNKNOWN_OWNER_STALE_MS
      ? { kind: 'stale', ino: st.ino, why: 'left without an owner' }
      : { kind: 'live' };
  }
  if (owner.host === HOST) {
    if (owner.pid !== process.pid && !processAlive(owner.pid))
      return { kind: 'stale', ino: st.ino, why: `left by process ${owner.pid}, which has ended` };
    if (age > LIVE_OWNER_MAX_MS) return { kind: 'stale', ino: st.ino, why: `held for over a minute` };
    return { kind: 'live', owner };
  }
  if (age > OTHER_HOST_STALE_MS) return { kind: 'stale', ino: st.ino, why: `left by ${describe(owner)}` };
  return { kind: 'live', owner };
}

/**
 * Moves a stale lock aside, then checks it was the one judged stale: if another waiter replaced it
 * in between, the fresh lock is put back. Throws when the lock cannot be moved at all.
 */
function removeStale(file: string, lock: string, ino: number, why: string): void {
  const aside = `${lock}.stale-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    renameSync(lock, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new RecordLockedError(
      `${file} is locked by a stale lock (${why}) that cannot be removed (${code}); delete ${lock} by hand`,
    );
  }
  try {
    if (lstatSync(aside).ino !== ino) {
      try {
        lstatSync(lock);
      } catch {
        renameSync(aside, lock);
        return;
      }
    }
  } catch {
    /* fall through: remove what we moved */
  }
  rmSync(aside, { recursive: true, force: true });
}

type Attempt = { kind: 'held'; token: string } | { kind: 'again' } | { kind: 'wait'; owner?: LockOwner };

function ensureFolder(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (e) {
    throw ioError('create the folder', dirname(file), e);
  }
}

function attempt(file: string, lock: string): Attempt {
  const token = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError('create the lock', lock, e);
    const seen = inspect(lock, Date.now());
    if (seen.kind === 'gone') return { kind: 'again' };
    if (seen.kind === 'live') return { kind: 'wait', owner: seen.owner };
    removeStale(file, lock, seen.ino, seen.why);
    return { kind: 'again' };
  }
  try {
    const owner: LockOwner = { pid: process.pid, host: HOST, at: new Date().toISOString(), token };
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return { kind: 'held', token };
}

/** Removes the lock if it is still ours (a waiter may have judged us stale and taken it). */
function release(lock: string, token: string): void {
  const owner = readOwner(lock);
  if (owner && owner.token !== token) return;
  try {
    unlinkSync(lock);
  } catch {
    /* removed as stale by someone else */
  }
}

function busy(file: string, lock: string, owner: LockOwner | undefined, waited: number): RecordLockedError {
  return new RecordLockedError(
    `${file} is being written by ${describe(owner)} (lock ${lock}); waited ${(waited / 1000).toFixed(1)} s, try again`,
  );
}

function pause(): number {
  return 5 + Math.floor(Math.random() * 20);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding the record's lock; waits at most `waitMs` (blocking: the CLI). */
export function withLock<T>(file: string, fn: () => T, waitMs = LOCK_WAIT_MS): T {
  const lock = lockPath(file);
  ensureFolder(file);
  const started = Date.now();
  for (;;) {
    const a = attempt(file, lock);
    if (a.kind === 'held') {
      try {
        return fn();
      } finally {
        release(lock, a.token);
      }
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) throw busy(file, lock, a.kind === 'wait' ? a.owner : undefined, waited);
    if (a.kind === 'wait') sleepSync(pause());
  }
}

/** Runs `fn` holding the record's lock, waiting without blocking the thread (the extension host). */
export async function withLockAsync<T>(file: string, fn: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const lock = lockPath(file);
  ensureFolder(file);
  const started = Date.now();
  for (;;) {
    const a = attempt(file, lock);
    if (a.kind === 'held') {
      try {
        return await fn();
      } finally {
        release(lock, a.token);
      }
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) throw busy(file, lock, a.kind === 'wait' ? a.owner : undefined, waited);
    await new Promise((r) => setTimeout(r, a.kind === 'wait' ? pause() : 0));
  }
}
