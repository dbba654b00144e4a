/**
 * Candidate values for a scalar: enum members, booleans, action ids, step ids for `after:`, and
 * names from the server inventory (storage groups, the databases of the step's storage group,
 * cluster nodes). Pure data here; completion.ts turns them into items with ranges.
 */
import { CompletionItemKind } from 'vscode-languageserver-types';
import { ACTIONS } from '../../model/catalogue/actions';
import type { ParsedRunbook } from '../../model/parse/parseRunbook';
import type { Inventory } from '../../rules/context';
import type { StepFacts } from './facts';
import { stepTitle } from './stepRefs';
import type { ValueKind } from './schemaAt';

export interface Candidate {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  doc?: string;
  /** Insert as a one-item flow list (`[NODE1]`): the key wants a list and none is open yet. */
  wrap?: boolean;
  /** Insert as typed: a boolean or the format version, which must not be quoted. */
  raw?: boolean;
}

export interface ValueEnv {
  parsed: ParsedRunbook;
  facts?: StepFacts;
  inventory: () => Inventory;
  /** Where the cursor is: steps before it come first in `after:`. */
  offset: number;
}

/**
 * Step ids for `after:`: the earlier steps first, nearest first (a step usually waits for the
 * one just before it), then the later ones, which the after-points-forward rule would report.
 */
function stepIds(env: ValueEnv): Candidate[] {
  const earlier: Candidate[] = [];
  const later: Candidate[] = [];
  const seen = new Set<string>(env.facts?.id ? [env.facts.id] : []);
  for (const s of env.parsed.steps) {
    const id = s.id;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const before = s.span.end <= env.offset;
    const action = s.action ?? 'no action';
    const title = stepTitle(s);
    (before ? earlier : later).push({
      label: id,
      kind: CompletionItemKind.Reference,
      detail: before ? `${action} · step ${s.index + 1}` : `${action} · step ${s.index + 1}, written later`,
      doc: title || undefined,
    });
  }
  return [...earlier.reverse(), ...later];
}

function fromInventory(kind: ValueKind & { kind: 'source' }, env: ValueEnv, inList: boolean): Candidate[] {
  const inv = env.inventory();
  const value = CompletionItemKind.Value;
  switch (kind.source) {
    case 'storage-group':
      return inv.storageGroups.map((g) => ({
        label: g.name,
        kind: CompletionItemKind.Folder,
        detail: 'storage group',
        doc: g.databases.length ? `Databases: ${g.databases.join(', ')}` : undefined,
      }));
    case 'database': {
      const sg = env.facts?.with.storageGroup;
      const group =
        typeof sg === 'string'
          ? inv.storageGroups.find((g) => g.name.toLowerCase() === sg.trim().toLowerCase())
          : undefined;
      const groups = group ? [group] : inv.storageGroups;
      return groups.flatMap((g) =>
        g.databases.map((d) => ({ label: d, kind: value, detail: `database of ${g.name}` })),
      );
    }
    case 'node': {
      const nodes = (inv.cluster?.nodes ?? []).map((n) => ({
        label: n,
        kind: value,
        detail: 'cluster node',
        wrap: kind.allOrList && !inList,
      }));
      return kind.allOrList && !inList
        ? [{ label: 'all', kind: CompletionItemKind.Keyword, detail: 'every node of the cluster' }, ...nodes]
        : nodes;
    }
    case 'server-name':
      return inv.name ? [{ label: inv.name, kind: value, detail: 'server.name' }] : [];
  }
}

export function candidates(kind: ValueKind, env: ValueEnv, inList: boolean): Candidate[] {
  switch (kind.kind) {
    case 'enum':
      return kind.values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, doc: kind.docs?.[v] }));
    case 'boolean':
      return (kind.only === undefined ? [true, false] : [kind.only]).map((b) => ({
        label: String(b),
        kind: CompletionItemKind.Value,
        raw: true,
      }));
    case 'const':
      return [{ label: kind.value, kind: CompletionItemKind.Value, raw: true }];
    case 'action':
      return ACTIONS.map((a) => ({ label: a.id, kind: CompletionItemKind.Function, detail: a.summary, doc: a.doc }));
    case 'step-id':
      return stepIds(env);
    case 'source':
      return fromInventory(kind, env, inList);
    case 'free':
      return [];
  }
}

// Plain scalars that YAML would read as something other than the string: booleans, null, numbers.
const SPECIAL =
  /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|[-+]?\.inf|\.nan)$/i;

/** A value as YAML text: plain when that reads back as the same string, else single-quoted. */
export function yamlScalar(value: string, flow: boolean): string {
  const plain =
    value !== '' &&
    !SPECIAL.test(value) &&
    !/^([-?:](\s|$)|[,[\]{}#&*!|>'"%@`\s])/.test(value) &&
    !/\s$/.test(value) &&
    !value.includes(': ') &&
    !value.includes(' #') &&
    !(flow && /[,[\]{}]/.test(value));
  return plain ? value : `'${value.replace(/'/g, "''")}'`;
}
