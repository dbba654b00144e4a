/**
 * What the format allows at a path: the keys of a mapping with their docs, what a list holds,
 * which values a scalar takes. Built once from the same JSON Schema and action catalogue the
 * checks use, so completion and hover can never offer a key the schema check would reject.
 */
import { ACTION_BY_ID } from '../../model/catalogue/actions';
import { SCENARIO_DOCS } from '../../model/catalogue/enums';
import type { ParamSpec, ValueSource } from '../../model/catalogue/types';
import type { PathSegment } from '../../model/parse/yamlPath';
import { headerSchema, stepSchema, type JsonSchema } from '../../model/schema/buildSchema';

export type ValueKind =
  | { kind: 'enum'; values: readonly string[]; docs?: Readonly<Record<string, string>> }
  | { kind: 'boolean'; only?: boolean }
  | { kind: 'const'; value: string }
  | { kind: 'action' }
  | { kind: 'step-id' }
  /** Names from the inventory; `allOrList`: the value is `all` or a list of them. */
  | { kind: 'source'; source: ValueSource; allOrList?: boolean }
  | { kind: 'free' };

export interface NodeInfo {
  doc?: string;
  /** Human type, for hover tables and completion details. */
  type: string;
  /** A mapping: its keys in the format's order. */
  keys?: KeyInfo[];
  /** A mapping that takes any key (the `with:` of `manual`). */
  open?: boolean;
  /** A list: what each item is. */
  item?: NodeInfo;
  /** A scalar: the values it takes. */
  value?: ValueKind;
  /** The `with:` of a step: its keys depend on the step's action. */
  params?: true;
}

export interface KeyInfo {
  name: string;
  info: NodeInfo;
}

// Our words for the keys the schema leaves without a description.
const EXTRA_DOCS: Record<string, string> = {
  'cluster.name': 'Name of the cluster the virtual server runs on.',
  'cluster.nodes': 'Names of the cluster nodes; `node:`, `to:` and `nodes:` of cluster steps pick from these.',
  'storageGroups.name': 'Name of the storage group, as Exchange System Manager shows it.',
  'storageGroups.logPath': 'Folder of the transaction logs of this storage group.',
  'storageGroups.systemPath': 'Folder of the checkpoint file and temporary files of this storage group.',
  'storageGroups.databases': 'Databases (stores) in this storage group.',
  'evidence.key': 'Name the value is recorded under in the run record.',
  'evidence.label': 'What the checklist asks the operator for.',
  'evidence.pattern': 'Regular expression the entered value must match.',
  'evidence.optional': 'True when the operator may leave the value empty.',
};

function fromSchema(s: JsonSchema, where: string): NodeInfo {
  const doc = (s.description as string | undefined) ?? EXTRA_DOCS[where];
  if (s.properties) {
    const props = s.properties as Record<string, JsonSchema>;
    const scope = where.split('.').pop()!;
    return {
      doc,
      type: 'mapping',
      keys: Object.entries(props).map(([name, p]) => ({ name, info: fromSchema(p, `${scope}.${name}`) })),
    };
  }
  if (s.type === 'array') {
    const item = fromSchema((s.items as JsonSchema | undefined) ?? {}, where);
    return {
      doc,
      type: item.keys
        ? 'list of mappings'
        : item.value?.kind === 'enum'
          ? `list of: ${item.value.values.join(', ')}`
          : 'list of strings',
      item: { ...item, doc },
    };
  }
  if (Array.isArray(s.enum))
    return {
      doc,
      type: `one of: ${(s.enum as string[]).join(', ')}`,
      value: { kind: 'enum', values: s.enum as string[] },
    };
  if (s.const !== undefined) return { doc, type: String(s.const), value: { kind: 'const', value: String(s.const) } };
  if (s.type === 'boolean') return { doc, type: 'boolean', value: { kind: 'boolean' } };
  if (s.type === 'object') return { doc, type: 'mapping', keys: [] };
  return { doc, type: String(s.type ?? 'string'), value: { kind: 'free' } };
}

function fromParam(p: ParamSpec): NodeInfo {
  const t = p.type;
  const source = (allOrList?: boolean): ValueKind =>
    p.source ? { kind: 'source', source: p.source, allOrList } : { kind: 'free' };
  switch (t.kind) {
    case 'string':
      return { doc: p.doc, type: 'string', value: source() };
    case 'boolean':
      return {
        doc: p.doc,
        type: t.only === undefined ? 'boolean' : String(t.only),
        value: { kind: 'boolean', only: t.only },
      };
    case 'number':
      return {
        doc: p.doc,
        type: t.minimum !== undefined && t.maximum !== undefined ? `number ${t.minimum}–${t.maximum}` : 'number',
        value: { kind: 'free' },
      };
    case 'enum':
      return { doc: p.doc, type: `one of: ${t.values.join(', ')}`, value: { kind: 'enum', values: t.values } };
    case 'string-list':
      return { doc: p.doc, type: 'list of strings', item: { doc: p.doc, type: 'string', value: source() } };
    case 'enum-list':
      return {
        doc: p.doc,
        type: `list of: ${t.values.join(', ')}`,
        item: { doc: p.doc, type: 'string', value: { kind: 'enum', values: t.values } },
      };
    case 'all-or-list':
      return {
        doc: p.doc,
        type: '`all`, or a list of names',
        value: source(true),
        item: { doc: p.doc, type: 'string', value: source() },
      };
  }
}

/** The `with:` mapping of an action; undefined for an unknown action. */
export function paramsOf(action: string | undefined): NodeInfo | undefined {
  const spec = action ? ACTION_BY_ID.get(action) : undefined;
  if (!spec) return undefined;
  if (spec.params === 'any') return { doc: spec.doc, type: 'mapping', keys: [], open: true };
  return {
    doc: `Parameters of \`${spec.id}\`.`,
    type: 'mapping',
    keys: Object.entries(spec.params).map(([name, p]) => ({ name, info: fromParam(p) })),
  };
}

function buildRoot(): NodeInfo {
  const root = fromSchema(headerSchema, '');
  const step = fromSchema(stepSchema, 'step');
  for (const k of step.keys!) {
    if (k.name === 'action') k.info = { ...k.info, value: { kind: 'action' } };
    if (k.name === 'after') k.info = { ...k.info, item: { ...k.info.item!, value: { kind: 'step-id' } } };
    if (k.name === 'with') k.info = { ...k.info, params: true };
  }
  for (const k of root.keys!) {
    if (k.name === 'steps') k.info = { ...k.info, type: 'list of steps', item: step };
    if (k.name === 'scenario' && k.info.value?.kind === 'enum')
      k.info = { ...k.info, value: { ...k.info.value, docs: SCENARIO_DOCS } };
  }
  return root;
}

let root: NodeInfo | undefined;

/** What the format says about `path`; `action` is the step's action when the path is inside a step. */
export function nodeAt(path: readonly PathSegment[], action?: string): NodeInfo | undefined {
  let node: NodeInfo | undefined = (root ??= buildRoot());
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') {
      node = node.item;
      continue;
    }
    const next: NodeInfo | undefined = node.keys?.find((k) => k.name === seg)?.info;
    node = next?.params
      ? { ...(paramsOf(action) ?? { type: 'mapping', keys: [] }), doc: next.doc, params: true }
      : next;
  }
  return node;
}

/** Does anything get offered for a value of this node? (Then completing its key re-opens the list.) */
export function hasCandidates(n: NodeInfo): boolean {
  const v = n.value ?? n.item?.value;
  return !!v && v.kind !== 'free';
}
