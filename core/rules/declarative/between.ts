/** The `forbid-between` and `require-between` kinds: what may, or must, stand between two steps. */
import type { Step } from '../../model/parse/parseRunbook';
import type { RuleContext } from '../context';
import type { ForbidBetweenDef, Report, RequireBetweenDef } from '../types';
import { fill, select } from './match';

export function checkForbidBetween(def: ForbidBetweenDef, ctx: RuleContext, report: Report): void {
  const from = def.from ? select(ctx, def.from)[0] : undefined;
  if (def.from && !from) return;
  const lower = def.anywhere ? -1 : (from?.index ?? -1);
  let to: Step | undefined;
  if (def.to) {
    const after = select(ctx, def.to).filter((s) => s.index > lower);
    to = def.toPick === 'last' ? after[after.length - 1] : after[0];
    if (!to) return;
  }
  const upper = def.anywhere ? Number.POSITIVE_INFINITY : (to?.index ?? Number.POSITIVE_INFINITY);
  for (const s of select(ctx, def.step)) {
    if (s.index <= lower || s.index >= upper || s === from || s === to) continue;
    const related = [from, to]
      .filter((x): x is Step => !!x)
      .map((x) => ({ span: x.anchor, message: `${x.label} (${x.action})` }));
    report({
      span: s.anchor,
      message: fill(def.message, { step: s.label, action: s.action, from: from?.label, to: to?.label }),
      related,
      data: { fix: 'move-after', move: s.index, target: to?.index },
    });
  }
}

export function checkRequireBetween(def: RequireBetweenDef, ctx: RuleContext, report: Report): void {
  const froms = select(ctx, def.from);
  const tos = select(ctx, def.to);
  const steps = select(ctx, def.step);
  const reported = new Set<Step>();
  for (const from of def.fromEach ? froms : froms.slice(0, 1)) {
    const to = tos.find((s) => s.index > from.index);
    if (!to || reported.has(to)) continue;
    if (steps.some((s) => s.index > from.index && s.index < to.index)) continue;
    reported.add(to);
    reportMissing(def, report, from, to);
  }
}

function reportMissing(def: RequireBetweenDef, report: Report, from: Step, to: Step): void {
  report({
    span: to.anchor,
    message: fill(def.message, { step: to.label, action: to.action, from: from.label, to: to.label }),
    related: [{ span: from.anchor, message: `${from.label} (${from.action})` }],
    data: { fix: 'insert-before', target: to.index, insert: def.step },
  });
}
