/** Shared pieces of the declarative kinds: matching steps, scoping them, filling messages. */
import type { Step } from '../../model/parse/parseRunbook';
import type { RuleContext } from '../context';
import type { Scope, StepMatcher, When } from '../types';

export function actionsOf(m: StepMatcher): string[] {
  return Array.isArray(m.action) ? m.action : [m.action];
}

function valueMatches(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((a) => valueMatches(a, expected));
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}

/** A step that says it runs on another server (`targetServer`) than the inventory's. */
export function elsewhere(ctx: RuleContext, step: Step): boolean {
  const target = step.with.targetServer;
  return typeof target === 'string' && !!ctx.server.name && target.toLowerCase() !== ctx.server.name.toLowerCase();
}

export function matches(step: Step, m: StepMatcher, ctx?: RuleContext): boolean {
  if (!step.action || !actionsOf(m).includes(step.action)) return false;
  if (!m.with) return true;
  const w = step.with;
  return Object.entries(m.with).every(
    ([k, v]) => valueMatches(w[k], v) || (v === 'all' && !!ctx && listsEveryNode(ctx, w[k])),
  );
}

/** `nodes: [NODE1, NODE2]` naming every node of the inventory means the same as `all`. */
function listsEveryNode(ctx: RuleContext, value: unknown): boolean {
  const nodes = ctx.server.cluster?.nodes ?? [];
  if (!Array.isArray(value) || nodes.length === 0) return false;
  const listed = new Set(value.map((v) => String(v).toLowerCase()));
  return nodes.every((n) => listed.has(n.toLowerCase()));
}

/** Matching steps in runbook order, through the action index (no full scan). */
export function select(ctx: RuleContext, m: StepMatcher): Step[] {
  let candidates = ctx.withAction(...actionsOf(m));
  if (m.thisServerOnly) candidates = candidates.filter((s) => !elsewhere(ctx, s));
  return m.with ? candidates.filter((s) => matches(s, m, ctx)) : candidates;
}

export const ALL = '*';

/** Names of what a step concerns in a scope, as written; `*` when it concerns everything. */
export function scopeNames(ctx: RuleContext, step: Step, scope: Scope | undefined, m: StepMatcher): string[] {
  if (!scope) return [ALL];
  if (scope === 'node') {
    const raw = step.with[m.nodeParam ?? 'node'];
    return typeof raw === 'string' ? [raw] : [ALL];
  }
  if (scope === 'storage-group') {
    const sg = ctx.stepGroup(step);
    return sg ? [sg] : [ALL];
  }
  return ctx.concernedDatabases(step) ?? [ALL];
}

/** Scope keys of a step: the names in lower case, for comparing. */
export function scopeKeys(ctx: RuleContext, step: Step, scope: Scope | undefined, m: StepMatcher): string[] {
  return scopeNames(ctx, step, scope, m).map((k) => (k === ALL ? k : k.toLowerCase()));
}

/** How a message names a scope: "Mailbox Store and Public Store", or "all databases". */
export function describeScope(names: string[], scope: Scope | undefined): string {
  if (names.includes(ALL) || names.length === 0)
    return scope === 'node' ? 'every node' : scope === 'storage-group' ? 'every storage group' : 'every database';
  const quoted = names.map((n) => `'${n}'`);
  return quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

export function holds(ctx: RuleContext, when?: When): boolean {
  if (!when) return true;
  if (when.scenarios && !ctx.inScenario(when.scenarios)) return false;
  if (when.exceptScenarios && ctx.scenario && when.exceptScenarios.includes(ctx.scenario)) return false;
  if (when.domainController !== undefined && (ctx.server.domainController ?? false) !== when.domainController)
    return false;
  if (when.clustered !== undefined && (ctx.server.cluster !== undefined) !== when.clustered) return false;
  if (when.role !== undefined && !ctx.server.roles.includes(when.role)) return false;
  if (when.hasAction !== undefined && !ctx.has(when.hasAction)) return false;
  return true;
}

/** Fills `{name}` placeholders; unknown names stay as written so a typo in a pack is visible. */
export function fill(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function describeMatcher(m: StepMatcher): string {
  const actions = actionsOf(m)
    .map((a) => `\`${a}\``)
    .join(' or ');
  const params = m.with
    ? ` (${Object.entries(m.with)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ')})`
    : '';
  return actions + params;
}
