/**
 * Runs a bundle with a V8 code cache, so that a server started again does not compile its
 * 1.4 MB of JavaScript again: neither the top level nor the functions the first check ran
 * (the parser, the schema validators, the rules), which otherwise compile lazily on the first
 * request. Node 22 has `module.enableCompileCache`; Node 20 does not, so this does what it does
 * with `vm.Script` and `cachedData`.
 *
 * The cache is written once, after the first check (`saveCodeCache`), when there was none or V8
 * refused it (another Node version, another bundle). Everything here is best effort: a cache
 * directory that cannot be created or written, or a file that cannot be read, only means the
 * bundle is compiled as it would be without a cache. Where: `RUNBOOK_CODE_CACHE_DIR`, else the
 * user's cache folder (`$XDG_CACHE_HOME` or `~/.cache`, then `runbook-studio`), created for the
 * user alone; never a folder shared with other users, since whoever writes a code cache chooses
 * the code that runs. `RUNBOOK_CODE_CACHE=0` turns it off.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureUserCacheDir, ownedByUserOnly, userCacheDir } from './userCache';
import { cachedDataVersionTag, setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** How the loaded bundle asks its loader to write the cache (they are separate bundles). */
const HOOK = Symbol.for('runbook-studio.saveCodeCache');

/**
 * V8 flags the server sets at run time (node/memoryGovernor.ts turns on `--expose-gc`). A code
 * cache records the flags it was made under and is refused under others, so they are set before
 * the bundle is compiled: the cache made after the first check then matches the next start.
 */
const RUNTIME_FLAGS = ['--expose-gc'];

function cacheDir(): string | undefined {
  const off = process.env.RUNBOOK_CODE_CACHE === '0' ? 'off' : undefined;
  return userCacheDir('code-cache', off ?? process.env.RUNBOOK_CODE_CACHE_DIR);
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Runs `file` (a CommonJS bundle) as `require` would, with a code cache when there is one.
 * Returns whether V8 took the cache (for tests and the bench's log).
 */
export function runWithCodeCache(file: string): { cached: boolean } {
  for (const flag of RUNTIME_FLAGS) {
    try {
      setFlagsFromString(flag);
    } catch {
      // a runtime without it: the server does without too
    }
  }
  const source = readFileSync(file, 'utf8');
  const dir = cacheDir();
  // The key: the bundle (size and time: hashing 1.4 MB would cost more than the rest of this
  // file) and what V8 checks (version, flags, CPU features). V8 also refuses a cache made from
  // another source, so a stale key costs one compile, never wrong code.
  const { size, mtimeMs } = statSync(file);
  const key = createHash('sha256')
    .update(`${file} ${size} ${mtimeMs} ${process.version} ${process.arch} ${cachedDataVersionTag()}`)
    .digest('hex')
    .slice(0, 24);
  const cacheFile = dir && join(dir, `${key}.${file.replace(/^.*[\\/]/, '')}.v8cache`);
  const cachedData = cacheFile && ownedByUserOnly(dir) ? readOrUndefined(cacheFile) : undefined;
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const cached = cachedData !== undefined && !script.cachedDataRejected;

  const tagAtCompile = cachedDataVersionTag();
  let saved = cached || !cacheFile;
  (globalThis as Record<symbol, unknown>)[HOOK] = () => {
    if (saved) return;
    saved = true;
    delete (globalThis as Record<symbol, unknown>)[HOOK];
    // Flags changed since the compile (something set one not listed above): V8 would refuse it.
    if (cachedDataVersionTag() !== tagAtCompile) return;
    try {
      if (!ensureUserCacheDir(dir!)) return; // another user's, or writable by others: never ours to fill
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      renameSync(tmp, cacheFile!);
    } catch {
      // read-only home, full disk, another process racing: the next start compiles as usual
    }
  };

  const fn = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  fn.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  return { cached };
}

/**
 * Called by the server after each check (only the first does anything): writes the code cache (once, and only if the
 * bundle was compiled without one), now that the functions a check runs are compiled too.
 * A no-op when the bundle was not started through `runWithCodeCache`.
 */
export function saveCodeCache(): void {
  const save = (globalThis as Record<symbol, unknown>)[HOOK];
  if (typeof save !== 'function') return;
  // Soon, not now: the diagnostics just sent go out first; at exit at the latest.
  setTimeout(save as () => void, 100).unref();
  process.once('exit', save as () => void);
}
