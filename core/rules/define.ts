/** Helper for rules written in code: the same Rule shape as a compiled declarative rule. */
import { ACTIONS } from '../model/catalogue/actions';
import type { Severity } from '../model/findings';
import type { RuleContext } from './context';
import type { Report, Rule } from './types';

/** For a rule that looks at every step alike (ids, `after:`, secrets): hover lists it nowhere. */
export const EVERY_STEP: readonly string[] = [];

/** The actions with a parameter whose values come from this inventory source. */
export function actionsTaking(source: 'storage-group' | 'database'): string[] {
  return ACTIONS.filter((a) => a.params !== 'any' && Object.values(a.params).some((p) => p.source === source)).map(
    (a) => a.id,
  );
}

/**
 * `reads` names the actions whose steps the check looks at; hover's "rules that check this
 * action" comes from it, so a rule that starts reading another action must say so here.
 */
export function defineRule(
  id: string,
  severity: Severity,
  summary: string,
  reads: readonly string[],
  check: (ctx: RuleContext, report: Report) => void,
): Rule {
  return { id, severity, summary, reads, check };
}
