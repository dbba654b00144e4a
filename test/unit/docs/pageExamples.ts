/**
 * Reads the examples of a rule page (docs/rules/<id>.md) and turns them into whole runbooks.
 *
 * Page layout (docs/rules/README.md, "How a page is laid out"): the first YAML block under
 * "## Example that breaks it" and the first under "## How to fix it" hold top-level keys of a
 * runbook. What a block leaves out comes from the example's defaults: the header, the scenario
 * `database-restore` and the inventory EXAMPLE_SERVER. The fixed block starts from the broken one:
 * a key it gives replaces the broken example's key.
 */
import { readFileSync } from 'node:fs';

export const EXAMPLE_SERVER = `server:
  name: EXCH01
  windowsEdition: Windows 2000 Advanced Server
  systemPath: C:\\WINNT
  exchangePath: D:\\Program Files\\Exchsrvr
  domainController: false
  components: [messaging-and-collaboration, system-management-tools]
  roles: []
  storageGroups:
    - name: First Storage Group
      logPath: E:\\Exchsrvr\\mdbdata
      databases: [Mailbox Store (EXCH01), Public Folder Store (EXCH01)]
    - name: Sales Storage Group
      logPath: G:\\Exchsrvr\\sg2logs
      databases: [Sales Mailbox Store, Sales Archive Store]`;

const DEFAULTS = ['runbook: 1', 'title: Example from a rule page', 'scenario: database-restore', EXAMPLE_SERVER];

export interface PageExamples {
  broken: string;
  fixed: string;
}

/** The first ```yaml block of the `## heading` section, or undefined. */
export function blockUnder(page: string, heading: string): string | undefined {
  const at = page.indexOf(`\n## ${heading}`);
  if (at === -1) return undefined;
  const next = page.indexOf('\n## ', at + 1);
  const section = page.slice(at, next === -1 ? undefined : next);
  return /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
}

/** Top-level keys of a block, each with its lines, in order (comments stay with the key below). */
function topLevel(block: string): Map<string, string> {
  const keys = new Map<string, string>();
  let key: string | undefined;
  let pending: string[] = [];
  for (const line of block.replace(/\n$/, '').split('\n')) {
    const m = /^([A-Za-z][\w-]*):/.exec(line);
    if (m) {
      key = m[1];
      keys.set(key, [...pending, line].join('\n'));
      pending = [];
    } else if (key === undefined || /^#/.test(line)) pending.push(line);
    else keys.set(key, `${keys.get(key)!}\n${line}`);
  }
  if (pending.some((l) => l.trim()) && key === undefined)
    throw new Error(`a page example must start with a top-level key, got:\n${block}`);
  if (pending.length && key !== undefined) keys.set(key, `${keys.get(key)!}\n${pending.join('\n')}`);
  return keys;
}

function merge(...blocks: string[]): string {
  const all = new Map<string, string>();
  for (const b of blocks) for (const [k, v] of topLevel(b)) all.set(k, v);
  // The header keys first, then the rest in the order they were given.
  return [...all.values()].join('\n') + '\n';
}

export function pageExamples(path: string): PageExamples {
  const page = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const broken = blockUnder(page, 'Example that breaks it');
  const fixed = blockUnder(page, 'How to fix it');
  if (!broken || !fixed) throw new Error(`${path}: needs a yaml block under both example headings`);
  const base = DEFAULTS.join('\n');
  return { broken: merge(base, broken), fixed: merge(base, broken, fixed) };
}
