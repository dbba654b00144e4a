/** The `requires` kind: the runbook contains a step that matches. */
import type { RuleContext } from '../context';
import type { Report, RequiresDef } from '../types';
import { describeMatcher, fill, select } from './match';

export function checkRequires(def: RequiresDef, ctx: RuleContext, report: Report): void {
  if (select(ctx, def.step).length > 0) return;
  const span = ctx.parsed.stepsKey ?? { start: 0, end: Math.min(1, ctx.parsed.text.length) };
  report({
    span,
    message: fill(def.message, { scenario: ctx.scenario, missing: describeMatcher(def.step) }),
    data: { fix: 'insert-required', insert: def.step },
  });
}
