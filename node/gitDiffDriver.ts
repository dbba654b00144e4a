/**
 * Readable record diffs in git: `.gitattributes` gives records the `runbook-run` diff driver, and the
 * repository's git config says how to turn a record into text (`runbook report --format text`).
 * git then shows `git diff`, `git log -p` and the editor's diff of a record as a checklist diff.
 * Shared by the CLI (prints the hint) and the extension (offers to write both).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { GITATTRIBUTES_LINE } from '../core/records/events';
import { writeAtomic } from './recordFiles';

export const DIFF_DRIVER = 'runbook-run';
export const DIFF_ATTRIBUTE_LINE = `*.runbook-run diff=${DIFF_DRIVER}`;
export const TEXTCONV_KEY = `diff.${DIFF_DRIVER}.textconv`;
/** What git runs on each side of a record diff when `runbook` is on the PATH (npm install -g, npx). */
export const DEFAULT_TEXTCONV = 'runbook report --format text';

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export interface DiffDriverStatus {
  /** `.gitattributes` gives records `diff=runbook-run`. */
  attribute: boolean;
  /** The configured textconv command, if any. */
  textconv?: string;
}

/** Whether git would show records under `root` through the driver (asked of git, so any attributes file counts). */
export function diffDriverStatus(root: string, probe = 'runs/x.runbook-run'): DiffDriverStatus {
  const rel = relative(root, join(root, probe)).split(sep).join('/');
  const attr = git(root, ['check-attr', 'diff', '--', rel]);
  return {
    attribute: !!attr && attr.endsWith(`: diff: ${DIFF_DRIVER}`),
    textconv: git(root, ['config', '--get', TEXTCONV_KEY]) || undefined,
  };
}

/**
 * Adds the diff line to `<root>/.gitattributes`, right after the union merge line when there is one
 * (the two belong together), else at the end. Leaves the file alone when the line is there.
 */
export function addDiffAttribute(root: string): string {
  const file = join(root, '.gitattributes');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const lines = current.split(/\r?\n/);
  if (lines.some((l) => l.trim() === DIFF_ATTRIBUTE_LINE)) return file;
  const union = lines.findIndex((l) => l.trim() === GITATTRIBUTES_LINE);
  let text: string;
  if (union >= 0) {
    lines.splice(union + 1, 0, DIFF_ATTRIBUTE_LINE);
    text = lines.join('\n');
  } else {
    const comment = '# Run records: show diffs as checklists (Runbook Studio; needs the git config textconv line)';
    text = `${current}${current && !current.endsWith('\n') ? '\n' : ''}${comment}\n${DIFF_ATTRIBUTE_LINE}\n`;
  }
  writeAtomic(file, text);
  return file;
}

/** `git config diff.runbook-run.textconv <command>` in the repository (local config, not committed). */
export function setTextconv(root: string, command = DEFAULT_TEXTCONV): void {
  execFileSync('git', ['config', TEXTCONV_KEY, command], { cwd: root, stdio: 'ignore' });
}

/** The exact lines to set it up by hand; the CLI prints this and the extension's offer says the same. */
export function diffHint(root: string, command = DEFAULT_TEXTCONV): string {
  return [
    'hint: to read record diffs in git as checklists, add this line to',
    `  ${join(root, '.gitattributes')}:`,
    `  ${DIFF_ATTRIBUTE_LINE}`,
    'and run once in the repository:',
    `  git config ${TEXTCONV_KEY} "${command}"`,
  ].join('\n');
}
