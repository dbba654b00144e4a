/**
 * The user's cache folder for what the server and the CLI keep between runs (compiled code, plans
 * of large runbooks): `$XDG_CACHE_HOME` or `~/.cache`, then `runbook-studio/<name>`, never the
 * workspace. What is read back from it decides what runs (code) or what a checklist shows (plans),
 * so a folder is used only when this user owns it and nobody else can write to it.
 */
import { mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `override` (an environment variable's value): `off` or `0` turns the cache off, a path replaces the default. */
export function userCacheDir(
  name: string,
  override: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (override === 'off' || override === '0') return undefined;
  if (override) return override;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'runbook-studio', name);
}

/** Ours alone: owned by this user and writable by no one else (Windows: the profile's ACLs). */
export function ownedByUserOnly(dir: string): boolean {
  if (process.platform === 'win32') return true;
  try {
    const st = statSync(dir);
    return st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Creates the folder for this user alone; false when it cannot, or when it is not ours alone. */
export function ensureUserCacheDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return false;
  }
  return ownedByUserOnly(dir);
}
