/** Helper for rules written in code: the same Rule shape as a compiled declarative rule. */
import type { Severity } from '../model/findings';
import type { RuleContext } from './context';
import type { Report, Rule } from './types';

export function defineRule(
  id: string,
  severity: Severity,
  summary: string,
  check: (ctx: RuleContext, report: Report) => void,
): Rule {
  return { id, severity, summary, check };
}
