/** Finds runbooks from the paths and globs given on the command line. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const RUNBOOK_FILE = /\.runbook\.ya?ml$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', '.cache']);

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(join(dir, entry.name), out);
    } else if (RUNBOOK_FILE.test(entry.name)) out.push(join(dir, entry.name));
  }
}

/** `**` any folders, `*` any characters within a name, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '(?:.*/)?';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export class UsageError extends Error {}

/** Expands arguments into files; a missing path is a usage error (exit 2), never silently skipped. */
export function expandInputs(inputs: string[], cwd: string): string[] {
  const found = new Set<string>();
  for (const input of inputs.length ? inputs : ['.']) {
    if (/[*?]/.test(input)) {
      const firstWild = input.search(/[*?]/);
      const root = resolve(cwd, input.slice(0, input.lastIndexOf('/', firstWild) + 1) || '.');
      const pattern = globToRegExp(resolve(cwd, input).split(sep).join('/'));
      const all: string[] = [];
      walk(root, all);
      for (const f of all) if (pattern.test(f.split(sep).join('/'))) found.add(f);
      continue;
    }
    const full = resolve(cwd, input);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      throw new UsageError(`No such file or folder: ${input}`);
    }
    if (stat.isDirectory()) {
      const all: string[] = [];
      walk(full, all);
      all.forEach((f) => found.add(f));
    } else found.add(full);
  }
  return [...found].sort().map((f) => relative(cwd, f) || f);
}
