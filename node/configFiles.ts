/**
 * Finds the configuration of a runbook: `.runbookrc.json` files and team rule packs
 * (`.runbook/rules/*.yaml`) in its folder and each folder above it, up to the project root.
 * The language server and the CLI both call this, so a runbook gets the same rules in both.
 *
 * The walk stops at the first of: a config file with `"root": true`; a folder holding `.git`
 * (the repository root); the `stopAt` folder (the editor's workspace folder, the CLI's current
 * folder) when no repository is found below it; the file system root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, mergeSeverities, parseConfigFile, type ConfigFile } from '../core/service/projectConfig';
import type { SeveritySettings } from '../core/rules/engine';
import type { Rule } from '../core/rules/types';
import { loadPackFiles, rulesOf, type PackFile } from './packFiles';

export interface ConfigFileProblem {
  path: string;
  message: string;
}

export interface RunbookConfig {
  /** Folders of the walk, top first (the project root is the first). */
  folders: string[];
  /** Config files read, top first. */
  files: string[];
  severities: SeveritySettings;
  packs: PackFile[];
  rules: Rule[];
  problems: ConfigFileProblem[];
}

export interface ConfigOptions {
  /** Stop here when no repository root is found at or below it. */
  stopAt?: string;
  /** Unsaved editor text by path (config files and packs). */
  overrides?: ReadonlyMap<string, string>;
  /** Rule ids that packs may not take (the built-in ones). */
  reserved: Iterable<string>;
  /** Use this config file alone instead of the walk's (`runbook lint --config`). */
  explicit?: string;
}

/** Folders from `dir` up to where the walk stops, top first, with the config files found. */
function walk(
  dir: string,
  o: ConfigOptions,
): { folders: string[]; configs: { path: string; config: ConfigFile; problems: string[] }[] } {
  const folders: string[] = [];
  const configs: { path: string; config: ConfigFile; problems: string[] }[] = [];
  const stopAt = o.stopAt && resolve(o.stopAt);
  for (let d = resolve(dir); ; d = dirname(d)) {
    folders.unshift(d);
    const path = join(d, CONFIG_FILE_NAME);
    const text = o.overrides?.get(path) ?? (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
    if (text !== undefined) {
      const { config, problems } = parseConfigFile(text);
      configs.unshift({ path, config, problems: problems.map((p) => p.message) });
      if (config.root) break;
    }
    if (existsSync(join(d, '.git')) || dirname(d) === d) break;
    // Outside a repository the editor's workspace folder (or the CLI's folder) is the top.
    if (d === stopAt && !hasRepoAbove(d)) break;
  }
  return { folders, configs };
}

function hasRepoAbove(dir: string): boolean {
  for (let d = dirname(dir); dirname(d) !== d; d = dirname(d)) if (existsSync(join(d, '.git'))) return true;
  return false;
}

/** The configuration of the runbook at `file` (an absolute path). */
export function configFor(file: string, o: ConfigOptions): RunbookConfig {
  const { folders, configs } = walk(dirname(resolve(file)), o);
  const problems: ConfigFileProblem[] = [];
  let files = configs;
  if (o.explicit) {
    const path = resolve(o.explicit);
    const { config, problems: p } = parseConfigFile(readFileSync(path, 'utf8'));
    files = [{ path, config, problems: p.map((x) => x.message) }];
  }
  for (const c of files) for (const message of c.problems) problems.push({ path: c.path, message });
  const packs: PackFile[] = [];
  const reserved = [...o.reserved];
  for (const folder of folders)
    packs.push(...loadPackFiles(folder, [...reserved, ...rulesOf(packs).map((r) => r.id)], o.overrides));
  return {
    folders,
    files: files.map((c) => c.path),
    severities: mergeSeverities(files.map((c) => c.config)),
    packs,
    rules: rulesOf(packs),
    problems,
  };
}
