/**
 * The ways writing a record can fail that are not the record's own fault. Each carries a `code`,
 * so the CLI maps it to exit 2 with its one-line message (never a stack trace), and the extension
 * shows the message as it is.
 */

/** Another writer holds the lock past the wait, or a stale lock cannot be removed. */
export class RecordLockedError extends Error {
  readonly code = 'ERECORDLOCKED';
}

/** The user protected the record (read-only, symbolic link): we refuse rather than write over it. */
export class RecordProtectedError extends Error {
  readonly code = 'ERECORDPROTECTED';
}

/** The file system refused (permissions, full disk, missing folder): said in one line. */
export class RecordIoError extends Error {
  readonly code = 'ERECORDIO';
}

const PLAIN: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EBUSY: 'the file is in use',
  EMFILE: 'too many open files',
};

/** `what` failed on `path`: a one-line error that names the path and the reason in plain words. */
export function ioError(what: string, path: string, e: unknown): RecordIoError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why = (code && PLAIN[code]) ?? (code || (e as Error)?.message || String(e));
  return new RecordIoError(`cannot ${what} ${path}: ${why}${code && PLAIN[code] ? ` (${code})` : ''}`);
}

/** The one-line message and exit code for an error from the record layer, or undefined if it is not one. */
export function recordErrorExit(e: unknown): { message: string; code: 2 } | undefined {
  if (e instanceof RecordLockedError || e instanceof RecordProtectedError || e instanceof RecordIoError)
    return { message: e.message, code: 2 };
  return undefined;
}
