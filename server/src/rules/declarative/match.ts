/** Shared pieces of the declarative kinds: matching steps, scoping them, filling messages. */
import type { Step } from '../../service/parse/parseRunbook';
import type { RuleContext } from '../context';
import type { Scope, StepMatcher, When } from '../types';

export function actionsOf(m: StepMatcher): string[] { return Array.isArray(m.action) ? m.action : [m.action]; }

function valueMatches(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((a) => valueMatches(a, expected));
  if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}

export function matches(step: Step, m: StepMatcher): boolean {
  if (!step.action || !actionsOf(m).includes(step.action)) return false;
  if (!m.with) return true;
  const w = step.with;
  return Object.entries(m.with).every(([k, v]) => valueMatches(w[k], v));
}

/** Matching steps in runbook order, through the action index (no full scan). */
export function select(ctx: RuleContext, m: StepMatcher): Step[] {
  const candidates = ctx.withAction(...actionsOf(m));
  return m.with ? candidates.filter((s) => matches(s, m)) : candidates;
}

export const ALL = '*';

/** Scope keys of a step (lower case); `*` when the step concerns everything in that scope. */
export function scopeKeys(ctx: RuleContext, step: Step, scope: Scope | undefined, m: StepMatcher): string[] {
  if (!scope) return [ALL];
  if (scope === 'node') {
    const raw = step.with[m.nodeParam ?? 'node'];
    return typeof raw === 'string' ? [raw.toLowerCase()] : [ALL];
  }
  if (scope === 'storage-group') {
    const sg = ctx.stepGroup(step);
    return sg ? [sg.toLowerCase()] : [ALL];
  }
  const dbs = ctx.concernedDatabases(step);
  return dbs ? dbs.map((d) => d.toLowerCase()) : [ALL];
}

export function holds(ctx: RuleContext, when?: When): boolean {
  if (!when) return true;
  if (when.scenarios && !ctx.inScenario(when.scenarios)) return false;
  if (when.exceptScenarios && ctx.scenario && when.exceptScenarios.includes(ctx.scenario)) return false;
  if (when.domainController !== undefined && (ctx.server.domainController ?? false) !== when.domainController) return false;
  if (when.clustered !== undefined && (ctx.server.cluster !== undefined) !== when.clustered) return false;
  if (when.role !== undefined && !ctx.server.roles.includes(when.role)) return false;
  return true;
}

/** Fills `{name}` placeholders; unknown names stay as written so a typo in a pack is visible. */
export function fill(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function describeMatcher(m: StepMatcher): string {
  const actions = actionsOf(m).map((a) => `\`${a}\``).join(' or ');
  const params = m.with ? ` (${Object.entries(m.with).map(([k, v]) => `${k}: ${String(v)}`).join(', ')})` : '';
  return actions + params;
}
