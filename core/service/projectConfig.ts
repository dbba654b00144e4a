/**
 * The project configuration file, `.runbookrc.json`, read by the language server and the CLI
 * alike (the Node layer finds the files; this module reads and merges them, purely).
 *
 * ```json
 * { "root": true, "rules": { "prefer-online-full": "off", "dr-setup-switch": "warning" } }
 * ```
 *
 * Merge: the files from the top of the walk down to the runbook's folder are applied in that
 * order, so the nearest file wins for each rule it names and the others keep theirs. Editor
 * settings (`runbook.rules`) are applied last, on top of every file.
 */
import type { SeveritySettings } from '../rules/engine';

export const CONFIG_FILE_NAME = '.runbookrc.json';

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'] as const;

export interface ConfigFile {
  /** `"root": true`: files in folders above this one are not read. */
  root: boolean;
  rules: SeveritySettings;
}

export interface ConfigProblem {
  message: string;
}

/** Reads one file's text. A problem (bad JSON, unknown level) is named; the file then counts as empty. */
export function parseConfigFile(text: string): { config: ConfigFile; problems: ConfigProblem[] } {
  const empty: ConfigFile = { root: false, rules: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { config: empty, problems: [{ message: `not valid JSON (${(e as Error).message})` }] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { config: empty, problems: [{ message: 'must be a JSON object' }] };
  const problems: ConfigProblem[] = [];
  const { root, rules } = raw as { root?: unknown; rules?: unknown };
  if (root !== undefined && typeof root !== 'boolean') problems.push({ message: '"root" must be true or false' });
  const severities: Record<string, string> = {};
  if (rules !== undefined) {
    if (!rules || typeof rules !== 'object' || Array.isArray(rules))
      problems.push({ message: '"rules" must be an object of rule id → level' });
    else
      for (const [id, level] of Object.entries(rules)) {
        if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) severities[id] = level;
        else problems.push({ message: `rules.${id} must be one of ${LEVELS.join(', ')}` });
      }
  }
  return { config: { root: root === true, rules: severities as SeveritySettings }, problems };
}

/** Files ordered from the top of the walk to the nearest; settings from the editor last. */
export function mergeSeverities(files: readonly ConfigFile[], settings: SeveritySettings = {}): SeveritySettings {
  return Object.assign({}, ...files.map((f) => f.rules), settings) as SeveritySettings;
}
