/**
 * What every rule reads: the parsed runbook plus indexes built once per check, so that no rule
 * scans the step list more than a constant number of times (rules stay linear in steps).
 */
import type { ParsedRunbook, Step } from '../model/parse/parseRunbook';

export interface StorageGroupInfo {
  name: string;
  logPath?: string;
  databases: string[];
}

export interface Inventory {
  name?: string;
  windowsEdition?: string;
  systemPath?: string;
  exchangePath?: string;
  domainController?: boolean;
  components?: string[];
  /** Windows components selected when the server was installed (optional; checked when given). */
  windowsComponents?: string[];
  roles: string[];
  cluster?: { name?: string; nodes: string[] };
  storageGroups: StorageGroupInfo[];
}

export class RuleContext {
  readonly scenario?: string;
  readonly server: Inventory;
  readonly steps: readonly Step[];
  private readonly actionIndex = new Map<string, Step[]>();
  readonly stepById = new Map<string, Step>();
  /** Database name (lower case) to its storage group name. */
  private readonly groupOfDatabase = new Map<string, string>();

  constructor(readonly parsed: ParsedRunbook) {
    const header = parsed.header ?? {};
    this.scenario = typeof header.scenario === 'string' ? header.scenario : undefined;
    this.server = readInventory(header.server);
    this.steps = parsed.steps;
    for (const step of parsed.steps) {
      const action = step.action;
      if (action) {
        let list = this.actionIndex.get(action);
        if (!list) this.actionIndex.set(action, (list = []));
        list.push(step);
      }
      const id = step.id;
      if (id && !this.stepById.has(id)) this.stepById.set(id, step);
    }
    for (const group of this.server.storageGroups) {
      for (const db of group.databases) this.groupOfDatabase.set(db.toLowerCase(), group.name);
    }
  }

  /** Merged lists of several actions, built once per check: rules and matchers ask for the same sets. */
  private readonly merged = new Map<string, Step[]>();

  /** Steps with any of these actions, in runbook order. Shared: callers must not change the list. */
  withAction(...actions: string[]): Step[] {
    if (actions.length === 1) return this.actionIndex.get(actions[0]) ?? [];
    const key = actions.join('\u0000');
    let list = this.merged.get(key);
    if (!list) {
      list = actions.flatMap((a) => this.actionIndex.get(a) ?? []).sort((x, y) => x.index - y.index);
      this.merged.set(key, list);
    }
    return list;
  }

  has(action: string): boolean {
    return (this.actionIndex.get(action)?.length ?? 0) > 0;
  }

  private groupsByName?: Map<string, StorageGroupInfo>;

  storageGroup(name: string): StorageGroupInfo | undefined {
    if (!this.groupsByName) {
      this.groupsByName = new Map();
      for (const g of this.server.storageGroups)
        if (!this.groupsByName.has(g.name.toLowerCase())) this.groupsByName.set(g.name.toLowerCase(), g);
    }
    return this.groupsByName.get(name.toLowerCase());
  }

  groupOf(database: string): string | undefined {
    return this.groupOfDatabase.get(database.toLowerCase());
  }

  /** The storage group a step concerns: its `storageGroup`, else the group of its first database. */
  stepGroup(step: Step): string | undefined {
    const sg = step.with.storageGroup;
    if (typeof sg === 'string') return sg;
    return this.stepDatabases(step)
      .map((d) => this.groupOf(d))
      .find((g) => g !== undefined);
  }

  /**
   * The databases a step concerns: those it lists, else every database of its storage group,
   * else undefined, meaning "all databases" (a step with neither concerns the whole server).
   */
  stepDatabases(step: Step): string[] {
    const dbs = step.with.databases;
    if (Array.isArray(dbs)) return dbs.filter((d): d is string => typeof d === 'string');
    return [];
  }

  concernedDatabases(step: Step): string[] | undefined {
    const listed = this.stepDatabases(step);
    if (listed.length) return listed;
    const sg = step.with.storageGroup;
    if (typeof sg === 'string') return this.storageGroup(sg)?.databases ?? [];
    return undefined;
  }

  inScenario(list?: readonly string[]): boolean {
    return !list || (this.scenario !== undefined && list.includes(this.scenario));
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The `server:` inventory of a runbook header, typed (also read by completion). */
export function readInventory(raw: unknown): Inventory {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const cluster = s.cluster && typeof s.cluster === 'object' ? (s.cluster as Record<string, unknown>) : undefined;
  const groups = Array.isArray(s.storageGroups) ? s.storageGroups : [];
  return {
    name: str(s.name),
    windowsEdition: str(s.windowsEdition),
    systemPath: str(s.systemPath),
    exchangePath: str(s.exchangePath),
    domainController: typeof s.domainController === 'boolean' ? s.domainController : undefined,
    components: Array.isArray(s.components) ? strings(s.components) : undefined,
    windowsComponents: Array.isArray(s.windowsComponents) ? strings(s.windowsComponents) : undefined,
    roles: strings(s.roles),
    cluster: cluster ? { name: str(cluster.name), nodes: strings(cluster.nodes) } : undefined,
    storageGroups: groups
      .filter(
        (g): g is Record<string, unknown> =>
          !!g && typeof g === 'object' && typeof (g as Record<string, unknown>).name === 'string',
      )
      .map((g) => ({ name: g.name as string, logPath: str(g.logPath), databases: strings(g.databases) })),
  };
}
