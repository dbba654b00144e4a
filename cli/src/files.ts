/**
 * Finds runbooks from the paths and globs given on the command line (globs by tinyglobby:
 * `**`, `*`, `?`, `{a,b}`, `[ab]`). Folders are searched for `*.runbook.yaml|yml|json`; what a
 * `.gitignore` between the file and the repository root ignores is left out, and so are
 * `node_modules` and `.git`. A file named on the command line is always checked.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import ignore, { type Ignore } from 'ignore';
import { UsageError } from './args';

export { UsageError } from './args';

export const RUNBOOK_FILE = /\.runbook\.(ya?ml|json)$/;
const RUNBOOK_GLOB = '**/*.runbook.{yaml,yml,json}';
/** Never searched: installed packages and git's own data are not where runbooks are written. */
const NEVER_SEARCHED = ['**/node_modules/**', '**/.git/**'];

export interface ExpandOptions {
  /** A path or pattern that finds no runbook is a usage error (exit 2); false: it is passed over. */
  errorOnUnmatched?: boolean;
}

/** Expands arguments into files, relative to `cwd` where they are inside it. */
export function expandInputs(inputs: string[], cwd: string, options: ExpandOptions = {}): string[] {
  const errorOnUnmatched = options.errorOnUnmatched ?? true;
  const gitignore = new GitIgnores();
  const found = new Set<string>();
  for (const input of inputs.length ? inputs : ['.']) {
    let matched: string[];
    if (isDynamicPattern(input)) {
      matched = globSync(input, { cwd, dot: true, absolute: true, ignore: NEVER_SEARCHED })
        .filter((f) => RUNBOOK_FILE.test(f))
        .filter((f) => !gitignore.ignores(f));
    } else {
      const full = resolve(cwd, input);
      let stat;
      try {
        stat = statSync(full);
      } catch {
        if (!errorOnUnmatched) continue;
        throw new UsageError(`No such file or folder: ${input}`);
      }
      matched = stat.isDirectory()
        ? globSync(RUNBOOK_GLOB, { cwd: full, dot: true, absolute: true, ignore: NEVER_SEARCHED }).filter(
            (f) => !gitignore.ignores(f),
          )
        : [full];
    }
    if (!matched.length && errorOnUnmatched)
      throw new UsageError(
        `No runbook (*.runbook.yaml, .yml or .json) matches '${input}'. Pass --no-error-on-unmatched-pattern to allow this.`,
      );
    for (const f of matched) found.add(resolve(f));
  }
  return [...found].sort().map((f) => {
    const rel = relative(cwd, f);
    return rel && !rel.startsWith('..') ? rel : f;
  });
}

/** `.gitignore` files from the repository root (the nearest folder holding `.git`) down to a file's folder. */
class GitIgnores {
  private readonly byDir = new Map<string, Ignore | null>();

  ignores(file: string): boolean {
    let ignored = false;
    for (const dir of this.chain(dirname(file))) {
      const rules = this.rules(dir);
      if (!rules) continue;
      const verdict = rules.test(relative(dir, file).split(sep).join('/'));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  /** Folders from the repository root (or the file system root outside a repository) down to `dir`. */
  private chain(dir: string): string[] {
    const dirs: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      dirs.unshift(d);
      if (existsSync(join(d, '.git')) || dirname(d) === d) break;
    }
    return dirs;
  }

  private rules(dir: string): Ignore | null {
    if (!this.byDir.has(dir)) {
      const path = join(dir, '.gitignore');
      this.byDir.set(dir, existsSync(path) ? ignore().add(readFileSync(path, 'utf8')) : null);
    }
    return this.byDir.get(dir)!;
  }
}
