/** Runs the built CLI (out/cli.js) the way a user does, and refuses to test a stale build. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const CLI = join(ROOT, 'out', 'cli.js');

function newest(dir: string): { file: string; mtime: number } {
  let best = { file: dir, mtime: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newest(full) : { file: full, mtime: statSync(full).mtimeMs };
    if (candidate.mtime > best.mtime) best = candidate;
  }
  return best;
}

/** Throws (the test fails, it does not skip) when out/cli.js is missing or older than its sources. */
export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const built = statSync(CLI).mtimeMs;
  for (const dir of ['cli/src', 'core/records', 'node']) {
    const n = newest(join(ROOT, dir));
    if (n.mtime > built) throw new Error(`out/cli.js is older than ${n.file}: run \`npm run build\` first`);
  }
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

export function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RUNBOOK_OPERATOR: undefined, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, ...env },
  });
  return { code: r.status ?? -1, out: r.stdout.trim(), err: r.stderr.trim() };
}
