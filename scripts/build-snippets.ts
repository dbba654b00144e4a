/**
 * Writes snippets/runbook.json, the VS Code snippet file for runbooks:
 *  - one `runbook-<scenario>` snippet per scenario, whose body is the template
 *    snippets/scenarios/<scenario>.runbook.yaml (written in snippet syntax already);
 *  - one `step-<action id>` snippet per action of the catalogue, generated from its parameters.
 *
 * Run with `npx tsx scripts/build-snippets.ts`. The output is deterministic (scenario order, then
 * catalogue order), so a unit test can compare the committed file with `renderSnippets()`.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTIONS } from '../core/model/catalogue/actions';
import type { ActionSpec, ParamSpec } from '../core/model/catalogue/types';
import { SCENARIOS, SCENARIO_DOCS } from '../core/model/catalogue/enums';

export interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}
export type SnippetFile = Record<string, Snippet>;

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const OUTPUT = join(ROOT, 'snippets', 'runbook.json');
export const TEMPLATES = join(ROOT, 'snippets', 'scenarios');

/** Escapes text for a snippet placeholder default (`$`, `}` and `\` are special there). */
const esc = (s: string) => s.replace(/[\\$}]/g, '\\$&');
/** Escapes one option of a choice placeholder: there only `,`, `|` and `\` are special. */
const escChoice = (s: string) => s.replace(/[\\,|]/g, '\\$&');

/**
 * Example values, by `<action>.<param>` first, then by parameter name. They match the inventory
 * of the scenario snippets (EXCH01, First Storage Group, ...), so a step inserted into a runbook
 * made from a scenario snippet refers to things that exist.
 */
const EXAMPLES: Record<string, string> = {
  'backup.restore-drive.drive': 'C:',
  'disk.check-capacity.drive': 'F:',
  'backup.verify-restore.targetServer': 'LAB-EXCH01',
  'windows.install.components': 'Internet Information Services, SMTP Service, NNTP Service',
  'exchange.setup-disaster-recovery.components': 'messaging-and-collaboration, system-management-tools',
  'srs.clear-data-folder.path': 'D:\\Program Files\\Exchsrvr\\srsdata',
  'kms.verify-data-folder-empty.path': 'D:\\Program Files\\Exchsrvr\\KMSData',
  'recovery.prepare-server.serverName': 'RECOVER01',
  'cluster.build-node.node': 'NODE3',
  'cluster.join-node.node': 'NODE3',
  'exchange.install.node': 'NODE3',
  serverName: 'EXCH01',
  edition: 'Windows 2000 Advanced Server',
  systemPath: 'C:\\WINNT',
  items: 'Service Pack 4',
  domain: 'CORP',
  storageGroup: 'First Storage Group',
  databases: 'Mailbox Store (EXCH01)',
  ntbackupVersion: '5.0.2195.6687',
  files: 'priv1.edb, priv1.stm',
  node: 'NODE1',
  targetServer: 'EXCH01',
  installPath: 'D:\\Program Files\\Exchsrvr',
  commandLine: 'setup.exe /disasterrecovery',
  destination: 'F:\\before-restore',
  tempLogPath: 'F:\\restore-temp',
  freePercent: '50',
  mailbox: 'Dana Whitfield',
  user: 'CORP\\dwhitfield',
  recoveryServer: 'RECOVER01',
  forest: 'recovery.example.local',
  to: 'NODE1',
  nodes: 'all',
};

/** Booleans whose rule-abiding value should be the first choice. */
const BOOLEAN_FIRST: Record<string, boolean> = {
  'windows.install.joinDomain': false,
  'backup.restore-system-state.includesActiveDirectory': false,
  'recovery.prepare-server.isolated': true,
};

function example(action: string, param: string): string {
  return EXAMPLES[`${action}.${param}`] ?? EXAMPLES[param] ?? param;
}

/** A plain YAML scalar would misread these (a trailing colon, a leading indicator, ...): quote them. */
function needsQuotes(s: string): boolean {
  return /:$|: | #|^[-?:,[\]{}#&*!|>'"%@`]|^(true|false|null|yes|no|on|off|~)$/i.test(s) || /^[\d.+-]+$/.test(s);
}

function valueFor(action: string, name: string, spec: ParamSpec, n: number): string {
  const t = spec.type;
  switch (t.kind) {
    case 'boolean': {
      if (t.only !== undefined) return String(t.only);
      const first = BOOLEAN_FIRST[`${action}.${name}`] ?? true;
      return `\${${n}|${first},${!first}|}`;
    }
    case 'number':
      return `\${${n}:${esc(example(action, name))}}`;
    case 'enum':
      return `\${${n}|${t.values.map(escChoice).join(',')}|}`;
    case 'string-list':
    case 'enum-list':
      return `[\${${n}:${esc(example(action, name))}}]`;
    case 'all-or-list':
      return `\${${n}:${esc(example(action, name))}}`;
    case 'string': {
      const value = example(action, name);
      const placeholder = `\${${n}:${esc(value)}}`;
      return needsQuotes(value) ? `'${placeholder}'` : placeholder;
    }
  }
}

/** A default step id that satisfies the kebab-case pattern: `database.restore` gives `database-restore`. */
const defaultId = (action: string) => action.replace(/\./g, '-');

export function stepSnippet(action: ActionSpec): Snippet {
  const body = [`- id: \${1:${defaultId(action.id)}}`, `  action: ${action.id}`];
  let n = 2;
  if (action.params === 'any') {
    body.push(`  title: \${${n++}:What to do, in one line}`);
  } else {
    const params = Object.entries(action.params);
    if (params.length) body.push('  with:');
    for (const [name, spec] of params) body.push(`    ${name}: ${valueFor(action.id, name, spec, n++)}`);
  }
  body[body.length - 1] += '$0';
  return {
    prefix: `step-${action.id}`,
    body,
    description: `Insert a \`${action.id}\` step: ${action.summary.replace(/\.$/, '')}.`,
  };
}

export function scenarioSnippet(scenario: string, template: string): Snippet {
  const body = template.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  const doc = SCENARIO_DOCS[scenario as keyof typeof SCENARIO_DOCS];
  return {
    prefix: `runbook-${scenario}`,
    body,
    description: `A complete ${scenario} runbook to adapt: ${doc.replace(/\.$/, '')}. Tab through the inventory: server, folders, storage groups and stores.`,
  };
}

export function buildSnippets(templatesDir = TEMPLATES): SnippetFile {
  const out: SnippetFile = {};
  const known = new Set<string>(SCENARIOS);
  for (const file of readdirSync(templatesDir).sort()) {
    const m = /^(.*)\.runbook\.yaml$/.exec(file);
    if (!m || !known.has(m[1]))
      throw new Error(`${join(templatesDir, file)} is not named after a scenario (${SCENARIOS.join(', ')}).`);
  }
  for (const scenario of SCENARIOS) {
    const path = join(templatesDir, `${scenario}.runbook.yaml`);
    if (!existsSync(path)) throw new Error(`Missing scenario template ${path}.`);
    out[`Runbook: ${scenario}`] = scenarioSnippet(scenario, readFileSync(path, 'utf8'));
  }
  for (const action of ACTIONS) out[`Step: ${action.id}`] = stepSnippet(action);
  return out;
}

export function renderSnippets(templatesDir = TEMPLATES): string {
  return `${JSON.stringify(buildSnippets(templatesDir), null, 2)}\n`;
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  writeFileSync(OUTPUT, renderSnippets());
  console.log(`Wrote ${OUTPUT}`);
}
