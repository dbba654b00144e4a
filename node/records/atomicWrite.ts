/**
 * Replacing a file so that a reader sees the old or the new text, never a part: temp file in the
 * same folder, fsync, rename. Before that, the target is checked for what the user protected: a
 * read-only file or a symbolic link is refused, not silently replaced (a rename would turn a 444
 * file into a 644 one, and a link into a regular file whose copy then diverges from the target).
 */
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { chmod, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError, RecordProtectedError } from './errors';

/** Windows refuses a rename while another process (an editor, a virus scanner, the indexer) has the target open. */
const RENAME_RETRY = new Set(['EPERM', 'EBUSY', 'EACCES']);
const RENAME_ATTEMPTS = 8;

function retryDelay(attempt: number): number {
  return 10 * 2 ** attempt; // 10, 20, 40 … 1,280 ms: about 2.5 s in all
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

type Stat = { mode: number; isSymbolicLink(): boolean; isFile(): boolean };

/** Why `file` must not be replaced, or undefined (also when it does not exist yet). */
function protectedReason(file: string, st: Stat | undefined): string | undefined {
  if (!st) return undefined;
  if (st.isSymbolicLink())
    return `${file} is a symbolic link; records are not written through links (the two copies would diverge). Open the file it points to instead.`;
  if (!st.isFile()) return `${file} is not a regular file; nothing was written.`;
  if ((st.mode & 0o222) === 0)
    return `${file} is read-only; nothing was written. Make it writable (for example chmod u+w) if the run should go on.`;
  return undefined;
}

function lstatOrUndefined(file: string): Stat | undefined {
  try {
    return lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError('read', file, e);
  }
}

/** Throws RecordProtectedError when `file` is read-only, a link or not a file. */
export function assertReplaceable(file: string): void {
  const why = protectedReason(file, lstatOrUndefined(file));
  if (why) throw new RecordProtectedError(why);
}

function tempName(file: string): string {
  return join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
}

/** A rename that retries while Windows holds the target; `renameFn` is injectable for tests. */
export function renameWithRetry(
  from: string,
  to: string,
  renameFn: (a: string, b: string) => void = renameSync,
  sleep: (ms: number) => void = sleepSync,
): void {
  for (let attempt = 0; ; attempt++) {
    try {
      renameFn(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (!RENAME_RETRY.has(code) || attempt + 1 >= RENAME_ATTEMPTS) throw e;
      sleep(retryDelay(attempt));
    }
  }
}

export async function renameWithRetryAsync(
  from: string,
  to: string,
  renameFn: (a: string, b: string) => Promise<void> = rename,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await renameFn(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (!RENAME_RETRY.has(code) || attempt + 1 >= RENAME_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, retryDelay(attempt)));
    }
  }
}

/** Replaces `file` with `text` so that a reader sees the old or the new file, never a part. */
export function writeAtomic(file: string, text: string, renameFn?: (a: string, b: string) => void): void {
  const existing = lstatOrUndefined(file);
  const why = protectedReason(file, existing);
  if (why) throw new RecordProtectedError(why);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (e) {
    throw ioError('create the folder', dirname(file), e);
  }
  const temp = tempName(file);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', 0o644);
  } catch (e) {
    throw ioError('write in', dirname(file), e);
  }
  try {
    try {
      if (existing) fchmodSync(fd, existing.mode & 0o7777); // keep the file's permissions
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameWithRetry(temp, file, renameFn);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw ioError('write', file, e);
  }
}

/** The same as writeAtomic, without blocking the thread (the extension host). */
export async function writeAtomicAsync(
  file: string,
  text: string,
  renameFn?: (a: string, b: string) => Promise<void>,
): Promise<void> {
  let existing: Stat | undefined;
  try {
    existing = await lstat(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError('read', file, e);
  }
  const why = protectedReason(file, existing);
  if (why) throw new RecordProtectedError(why);
  try {
    await mkdir(dirname(file), { recursive: true });
  } catch (e) {
    throw ioError('create the folder', dirname(file), e);
  }
  const temp = tempName(file);
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
  } catch (e) {
    throw ioError('write in', dirname(file), e);
  }
  try {
    try {
      if (existing) await chmod(temp, existing.mode & 0o7777);
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetryAsync(temp, file, renameFn);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw ioError('write', file, e);
  }
}
