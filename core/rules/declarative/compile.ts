/** Turns a declarative rule (built-in or from a team pack) into a checkable rule. */
import type { RuleContext } from '../context';
import type { DeclarativeRule, Report, Rule } from '../types';
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

export function compile(def: DeclarativeRule): Rule {
  return {
    id: def.id,
    severity: def.severity,
    summary: def.summary,
    docUrl: def.docUrl,
    check(ctx: RuleContext, report: Report) {
      if (holds(ctx, def.when)) run(def, ctx, report);
    },
  };
}
