/**
 * Which rules read an action, for the action hover. Declarative rules say it in their data (the
 * `before`, `after`, `step`, `from`, `to` matchers); rules written in code are listed here by
 * hand, next to the catalogue sources they read. Rules about every step alike (unknown action,
 * duplicate id, secrets) are left out: they would be listed under every action.
 */
import { ACTIONS } from '../../model/catalogue/actions';
import { DECLARATIVE_RULES } from '../../rules/exchange2000';
import type { DeclarativeRule, StepMatcher } from '../../rules/types';

/** Keep in step with core/rules/coded/*.ts. */
const CODED: Readonly<Record<string, readonly string[]>> = {
  'edb-stm-together': ['backup.run', 'database.restore'],
  'one-job-per-storage-group': ['backup.run', 'database.restore'],
  'backup-whole-storage-group': ['backup.run'],
  'dismount-before-restore': ['database.restore', 'database.dismount', 'database.set-do-not-mount', 'database.mount'],
  'temp-log-path-differs': ['database.restore'],
  'restore-sequence': ['database.restore'],
  'last-restore-set-final': ['database.restore'],
  'serial-restore-mount-between': ['database.restore', 'database.mount', 'database.verify-mounted'],
  'alternate-server-names-match': ['database.restore', 'prereq.confirm'],
  'requirements-confirmed': ['prereq.confirm'],
};

function matchers(def: DeclarativeRule): (StepMatcher | undefined)[] {
  switch (def.kind) {
    case 'order':
      return [def.before, def.after, def.afterFollows];
    case 'requires':
      return [def.step];
    case 'forbid-between':
      return [def.step, def.from, def.to];
    case 'require-between':
      return [def.step, def.from, def.to];
    case 'field':
      return [def.step];
    case 'limit':
      return [];
  }
}

let index: Map<string, Set<string>> | undefined;

function build(): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  const add = (action: string, rule: string) => {
    let s = map.get(action);
    if (!s) map.set(action, (s = new Set()));
    s.add(rule);
  };
  for (const def of DECLARATIVE_RULES) {
    for (const m of matchers(def)) {
      if (!m) continue;
      for (const a of Array.isArray(m.action) ? m.action : [m.action]) add(a, def.id);
    }
  }
  for (const [rule, actions] of Object.entries(CODED)) for (const a of actions) add(a, rule);
  // Inventory names are checked wherever an action takes a storage group or databases.
  for (const action of ACTIONS) {
    if (action.params === 'any') continue;
    const sources = Object.values(action.params).map((p) => p.source);
    if (sources.includes('storage-group')) add(action.id, 'unknown-storage-group');
    if (sources.includes('database')) add(action.id, 'unknown-database');
  }
  return map;
}

/** Ids of the built-in rules that look at steps with this action, sorted. */
export function rulesReading(action: string): string[] {
  index ??= build();
  return [...(index.get(action) ?? [])].sort();
}
