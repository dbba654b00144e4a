/** Turns a declarative rule (built-in or from a team pack) into a checkable rule. */
import type { RuleContext } from '../context';
import type { DeclarativeRule, Report, Rule, StepMatcher } from '../types';
import { checkForbidBetween, checkRequireBetween } from './between';
import { checkField } from './field';
import { checkLimit } from './limit';
import { holds } from './match';
import { checkOrder } from './order';
import { checkRequires } from './requires';

function run(def: DeclarativeRule, ctx: RuleContext, report: Report): void {
  switch (def.kind) {
    case 'order':
      return checkOrder(def, ctx, report);
    case 'requires':
      return checkRequires(def, ctx, report);
    case 'forbid-between':
      return checkForbidBetween(def, ctx, report);
    case 'require-between':
      return checkRequireBetween(def, ctx, report);
    case 'field':
      return checkField(def, ctx, report);
    case 'limit':
      return checkLimit(def, ctx, report);
  }
}

/** The matchers of a definition: the steps it looks at. */
function matchers(def: DeclarativeRule): (StepMatcher | undefined)[] {
  switch (def.kind) {
    case 'order':
      return [def.before, def.after, def.afterFollows];
    case 'requires':
    case 'field':
      return [def.step];
    case 'forbid-between':
    case 'require-between':
      return [def.step, def.from, def.to];
    case 'limit':
      return [];
  }
}

/** The actions a definition reads, in the order its matchers name them. */
export function actionsRead(def: DeclarativeRule): string[] {
  const out = new Set<string>();
  for (const m of matchers(def)) if (m) for (const a of Array.isArray(m.action) ? m.action : [m.action]) out.add(a);
  if (def.when?.hasAction) out.add(def.when.hasAction);
  return [...out];
}

export function compile(def: DeclarativeRule): Rule {
  return {
    id: def.id,
    severity: def.severity,
    summary: def.summary,
    docUrl: def.docUrl,
    reads: actionsRead(def),
    check(ctx: RuleContext, report: Report) {
      if (holds(ctx, def.when)) run(def, ctx, report);
    },
  };
}
