/**
 * Node-side loading of team rule packs: finds `.runbook/rules/*.yaml` under a folder and parses
 * each with the pure pack reader. Shared by the language server and the CLI.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePack, type ParsedPack } from '../core/rules/packs/parsePack';
import type { Rule } from '../core/rules/types';

export const PACK_FOLDER = join('.runbook', 'rules');
export const PACK_FILE = /\.ya?ml$/;

export interface PackFile {
  path: string;
  parsed: ParsedPack;
}

/** Parses every pack under `root`; `overrides` supplies unsaved editor text by path. */
export function loadPackFiles(
  root: string,
  reserved: Iterable<string>,
  overrides: ReadonlyMap<string, string> = new Map(),
): PackFile[] {
  const dir = join(root, PACK_FOLDER);
  if (!existsSync(dir)) return [];
  const taken = new Set(reserved);
  const out: PackFile[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => PACK_FILE.test(n))
    .sort()) {
    const path = join(dir, name);
    let text: string;
    try {
      text = overrides.get(path) ?? readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const parsed = parsePack(text, taken);
    parsed.rules.forEach((r) => taken.add(r.id));
    out.push({ path, parsed });
  }
  return out;
}

export function rulesOf(files: PackFile[]): Rule[] {
  return files.flatMap((f) => f.parsed.rules);
}
