/** The `order` kind: every `before` step comes earlier than every `after` step it concerns. */
import type { Step } from '../../service/parse/parseRunbook';
import type { RuleContext } from '../context';
import type { OrderDef, Report } from '../types';
import { ALL, describeScope, fill, scopeKeys, scopeNames, select } from './match';

interface Extremes { first?: Step; last?: Step }

function index(ctx: RuleContext, steps: Step[], def: OrderDef, side: 'before' | 'after'): Map<string, Extremes> {
  const byKey = new Map<string, Extremes>();
  for (const s of steps) {
    for (const key of scopeKeys(ctx, s, def.per, def[side])) {
      const e = byKey.get(key) ?? {};
      if (!e.first) e.first = s;
      e.last = s;
      byKey.set(key, e);
    }
  }
  return byKey;
}

/** The latest and earliest steps of `byKey` that concern any of `keys`; `*` concerns all. */
function relevant(byKey: Map<string, Extremes>, keys: string[]): Extremes {
  const pools = keys.includes(ALL) ? [...byKey.values()] : [byKey.get(ALL), ...keys.map((k) => byKey.get(k))];
  const out: Extremes = {};
  for (const e of pools) {
    if (!e) continue;
    if (e.first && (!out.first || e.first.index < out.first.index)) out.first = e.first;
    if (e.last && (!out.last || e.last.index > out.last.index)) out.last = e.last;
  }
  return out;
}

export function checkOrder(def: OrderDef, ctx: RuleContext, report: Report): void {
  const befores = select(ctx, def.before);
  let afters = select(ctx, def.after);
  if (def.afterFollows) {
    const floor = select(ctx, def.afterFollows).at(-1)?.index ?? -1;
    afters = afters.filter((s) => s.index > floor);
  }
  if (def.afterPick === 'first') afters = afters.slice(0, 1);
  if (def.afterPick === 'last') afters = afters.slice(-1);
  if (afters.length === 0 && !(def.require === 'after' && befores.length)) return;

  const beforeIdx = index(ctx, befores, def, 'before');
  const afterIdx = index(ctx, afters, def, 'after');
  const reportedMissing = new Set<string>();

  for (const b of afters) {
    const keys = scopeKeys(ctx, b, def.per, def.after);
    const a = relevant(beforeIdx, keys);
    if (a.last && a.last.index > b.index) {
      report({
        span: b.anchor,
        message: fill(def.message, { step: b.label, action: b.action, other: a.last.label, otherAction: a.last.action, key: describeScope(scopeNames(ctx, b, def.per, def.after), def.per) }),
        related: [{ span: a.last.anchor, message: `${a.last.label} (${a.last.action}) must come before ${b.label}.` }],
        data: { fix: 'move-before', move: a.last.index, target: b.index },
      });
    } else if (!a.last && def.require === 'before' && keys.some((k) => !reportedMissing.has(k))) {
      keys.forEach((k) => reportedMissing.add(k));
      report({
        span: b.anchor,
        message: fill(def.missingMessage ?? def.message, { step: b.label, action: b.action, key: describeScope(scopeNames(ctx, b, def.per, def.after), def.per) }),
        data: { fix: 'insert-before', target: b.index, insert: def.before, keys },
      });
    }
  }

  if (def.require === 'after') {
    for (const a of befores) {
      const keys = scopeKeys(ctx, a, def.per, def.before);
      if (relevant(afterIdx, keys).last || keys.every((k) => reportedMissing.has(k))) continue;
      keys.forEach((k) => reportedMissing.add(k));
      const lastOfKey = lastConcerning(ctx, befores, def, keys) ?? a;
      report({
        span: a.anchor,
        message: fill(def.missingMessage ?? def.message, { step: a.label, action: a.action, key: describeScope(scopeNames(ctx, a, def.per, def.before), def.per) }),
        data: { fix: 'insert-after', target: lastOfKey.index, insert: def.after, keys },
      });
    }
  }
}

function lastConcerning(ctx: RuleContext, steps: Step[], def: OrderDef, keys: string[]): Step | undefined {
  let last: Step | undefined;
  for (const s of steps) {
    const k = scopeKeys(ctx, s, def.per, def.before);
    if (k.includes(ALL) || keys.includes(ALL) || k.some((x) => keys.includes(x))) last = s;
  }
  return last;
}
