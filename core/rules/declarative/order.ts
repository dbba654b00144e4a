/** The `order` kind: every `before` step comes earlier than every `after` step it concerns. */
import type { Step } from '../../model/parse/parseRunbook';
import type { RuleContext } from '../context';
import type { OrderDef, Report } from '../types';
import { ALL, describeScope, fill, scopeKeys, scopeNames, select } from './match';

interface Extremes {
  first?: Step;
  last?: Step;
}

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
    // Per key: a step concerning two databases needs the earlier step for each of them.
    const late = latestPerKey(beforeIdx, keys).filter((x) => x.last && x.last.index > b.index);
    const missing = keys.filter((k) => !relevant(beforeIdx, [k]).last);
    if (late.length) {
      const other = late.reduce((m, x) => (x.last!.index > m.last!.index ? x : m)).last!;
      report({
        span: b.anchor,
        message: fill(def.message, {
          step: b.label,
          action: b.action,
          other: other.label,
          otherAction: other.action,
          key: describeScope(
            namesFor(
              ctx,
              b,
              def,
              'after',
              late.map((x) => x.key),
            ),
            def.per,
          ),
        }),
        related: [{ span: other.anchor, message: `${other.label} (${other.action}) must come before ${b.label}.` }],
        data: { fix: 'move-before', move: other.index, target: b.index },
      });
    } else if (missing.length && def.require === 'before' && missing.some((k) => !reportedMissing.has(k))) {
      missing.forEach((k) => reportedMissing.add(k));
      report({
        span: b.anchor,
        message: fill(def.missingMessage ?? def.message, {
          step: b.label,
          action: b.action,
          key: describeScope(namesFor(ctx, b, def, 'after', missing), def.per),
        }),
        data: { fix: 'insert-before', target: b.index, insert: def.before, keys: missing },
      });
    }
  }

  if (def.require === 'after') {
    for (const a of befores) {
      const keys = scopeKeys(ctx, a, def.per, def.before);
      const missing = keys.filter((k) => !relevant(afterIdx, [k]).last && !reportedMissing.has(k));
      if (!missing.length) continue;
      missing.forEach((k) => reportedMissing.add(k));
      const lastOfKey = lastConcerning(ctx, befores, def, missing) ?? a;
      report({
        span: a.anchor,
        message: fill(def.missingMessage ?? def.message, {
          step: a.label,
          action: a.action,
          key: describeScope(namesFor(ctx, a, def, 'before', missing), def.per),
        }),
        data: { fix: 'insert-after', target: lastOfKey.index, insert: def.after, keys: missing },
      });
    }
  }
}

/** For each key (or all at once for `*`), the latest step concerning it. */
function latestPerKey(byKey: Map<string, Extremes>, keys: string[]): { key: string; last?: Step }[] {
  return keys.map((key) => ({ key, last: relevant(byKey, [key]).last }));
}

/** The names as written for the given lower-case keys of a step. */
function namesFor(ctx: RuleContext, step: Step, def: OrderDef, side: 'before' | 'after', keys: string[]): string[] {
  const names = scopeNames(ctx, step, def.per, def[side]);
  const picked = names.filter((n) => keys.includes(n === ALL ? n : n.toLowerCase()));
  return picked.length ? picked : names;
}

function lastConcerning(ctx: RuleContext, steps: Step[], def: OrderDef, keys: string[]): Step | undefined {
  let last: Step | undefined;
  for (const s of steps) {
    const k = scopeKeys(ctx, s, def.per, def.before);
    if (k.includes(ALL) || keys.includes(ALL) || k.some((x) => keys.includes(x))) last = s;
  }
  return last;
}
