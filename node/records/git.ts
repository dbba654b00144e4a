/**
 * The few git questions records need: who is the operator, where is the work tree, does git merge
 * records with the union driver. Each has a blocking form (the CLI) and an async one (the
 * extension host, whose thread must never wait on a child process).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { GITATTRIBUTES_LINE } from '../../core/records/events';
import { writeAtomic, writeAtomicAsync } from './atomicWrite';

const GIT_TIMEOUT_MS = 5000;

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: GIT_TIMEOUT_MS,
    }).trim();
  } catch {
    return undefined;
  }
}

function gitAsync(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((done) => {
    execFile('git', args, { cwd, encoding: 'utf8', timeout: GIT_TIMEOUT_MS }, (err, stdout) =>
      done(err ? undefined : stdout.trim()),
    );
  });
}

/** `git config user.name` as seen from `cwd`, if set. */
export function gitUserName(cwd: string): string | undefined {
  return git(cwd, ['config', 'user.name']) || undefined;
}

export async function gitUserNameAsync(cwd: string): Promise<string | undefined> {
  return (await gitAsync(cwd, ['config', 'user.name'])) || undefined;
}

/** The top folder of the git work tree holding `cwd`, if any. */
export function gitTopLevel(cwd: string): string | undefined {
  return git(cwd, ['rev-parse', '--show-toplevel']) || undefined;
}

export async function gitTopLevelAsync(cwd: string): Promise<string | undefined> {
  return (await gitAsync(cwd, ['rev-parse', '--show-toplevel'])) || undefined;
}

export type UnionStatus = { kind: 'union' } | { kind: 'missing'; root: string } | { kind: 'not-git' };

function checkAttrArgs(root: string, file: string): string[] {
  return ['check-attr', 'merge', '--', relative(root, file).split(sep).join('/')];
}

function statusOf(root: string | undefined, out: string | undefined): UnionStatus {
  if (!root) return { kind: 'not-git' };
  return out && /: merge: union$/.test(out) ? { kind: 'union' } : { kind: 'missing', root };
}

/** Whether git merges `file` with the union driver (`git check-attr merge`). */
export function unionMergeStatus(file: string): UnionStatus {
  const dir = existsSync(dirname(file)) ? dirname(file) : dirname(dirname(file));
  const root = gitTopLevel(dir);
  return statusOf(root, root && git(root, checkAttrArgs(root, file)));
}

export async function unionMergeStatusAsync(file: string): Promise<UnionStatus> {
  const dir = existsSync(dirname(file)) ? dirname(file) : dirname(dirname(file));
  const root = await gitTopLevelAsync(dir);
  return statusOf(root, root && (await gitAsync(root, checkAttrArgs(root, file))));
}

function withUnionLine(current: string): string | undefined {
  if (current.split(/\r?\n/).some((l) => l.trim() === GITATTRIBUTES_LINE)) return undefined;
  return `${current}${current && !current.endsWith('\n') ? '\n' : ''}# Run records: keep the lines of both sides when two clones append (Runbook Studio)\n${GITATTRIBUTES_LINE}\n`;
}

/** Adds the union line to `<root>/.gitattributes` (creating it), unless it is there. */
export function addUnionAttribute(root: string): string {
  const file = join(root, '.gitattributes');
  const text = withUnionLine(existsSync(file) ? readFileSync(file, 'utf8') : '');
  if (text !== undefined) writeAtomic(file, text);
  return file;
}

export async function addUnionAttributeAsync(root: string): Promise<string> {
  const file = join(root, '.gitattributes');
  const text = withUnionLine(await readFile(file, 'utf8').catch(() => ''));
  if (text !== undefined) await writeAtomicAsync(file, text);
  return file;
}

/** The hint printed (CLI) or offered (extension) when records would conflict in git. */
export function unionHint(root: string): string {
  return `hint: run records merge without conflicts only with a union merge; add this line to ${join(root, '.gitattributes')}:\n  ${GITATTRIBUTES_LINE}`;
}
