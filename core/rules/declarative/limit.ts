/** The `limit` kind: an inventory list holds at most `max` entries. */
import { locateHeader } from '../../model/parse/parseRunbook';
import type { RuleContext } from '../context';
import type { LimitDef, Report } from '../types';
import { fill } from './match';

export function checkLimit(def: LimitDef, ctx: RuleContext, report: Report): void {
  const groups = ctx.server.storageGroups;
  if (def.collection === 'storageGroups') {
    if (groups.length <= def.max) return;
    const span = locateHeader(ctx.parsed, ['server', 'storageGroups', def.max])?.valueSpan;
    if (span) report({ span, message: fill(def.message, { count: String(groups.length), max: String(def.max) }) });
    return;
  }
  groups.forEach((g, i) => {
    if (g.databases.length <= def.max) return;
    const span = locateHeader(ctx.parsed, ['server', 'storageGroups', i, 'databases', def.max])?.valueSpan;
    if (span)
      report({
        span,
        message: fill(def.message, { count: String(g.databases.length), max: String(def.max), group: g.name }),
      });
  });
}
