/** The `order` kind: a `before` step comes earlier than each `after` step it concerns. */
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
    // "The restart after the restores": with no restore there is no such restart to check.
    const floor = select(ctx, def.afterFollows).at(-1)?.index;
    afters = floor === undefined ? [] : afters.filter((s) => s.index > floor);
  }
  if (def.afterPick === 'first') afters = afters.slice(0, 1);
  if (def.afterPick === 'last') afters = afters.slice(-1);
  if (afters.length === 0 && !(def.require === 'after' && befores.length)) return;

  const beforeIdx = index(ctx, befores, def, 'before');
  const afterIdx = index(ctx, afters, def, 'after');
  const reportedMissing = new Set<string>();

  // "Some X before this Y": a repeated X (a second check, a retried restore) never makes an
  // earlier, correct Y wrong. `every` asks for all X before Y (a phase that must be over).
  if (def.require !== 'after') {
    for (const b of afters) {
      const keys = scopeKeys(ctx, b, def.per, def.after);
      // Per key: a step concerning two databases needs the earlier step for each of them.
      const late = keys
        .map((key) => ({ key, ...relevant(beforeIdx, [key]) }))
        .filter((x) => x.first && (def.every ? x.last!.index > b.index : x.first.index > b.index));
      const missing = keys.filter((k) => !relevant(beforeIdx, [k]).last);
      if (late.length) {
        const pick = (x: Extremes) => (def.every ? x.last! : x.first!);
        const other = late.map(pick).reduce((m, x) => (x.index > m.index ? x : m));
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
    return;
  }

  // `require: 'after'`: every X is followed by some Y. A Y written only above the X is the one to
  // move below it; with no Y at all, one is added.
  for (const a of befores) {
    const keys = scopeKeys(ctx, a, def.per, def.before);
    const unfollowed = keys.filter(
      (k) => !reportedMissing.has(k) && !((relevant(afterIdx, [k]).last?.index ?? -1) > a.index),
    );
    if (!unfollowed.length) continue;
    unfollowed.forEach((k) => reportedMissing.add(k));
    const early = relevant(afterIdx, unfollowed).last;
    if (early) {
      report({
        span: early.anchor,
        message: fill(def.message, {
          step: early.label,
          action: early.action,
          other: a.label,
          otherAction: a.action,
          key: describeScope(namesFor(ctx, a, def, 'before', unfollowed), def.per),
        }),
        related: [{ span: a.anchor, message: `${a.label} (${a.action}) must come before ${early.label}.` }],
        data: {
          fix: 'move-after',
          move: early.index,
          target: lastConcerning(ctx, befores, def, unfollowed)?.index ?? a.index,
        },
      });
      continue;
    }
    const lastOfKey = lastConcerning(ctx, befores, def, unfollowed) ?? a;
    report({
      span: a.anchor,
      message: fill(def.missingMessage ?? def.message, {
        step: a.label,
        action: a.action,
        key: describeScope(namesFor(ctx, a, def, 'before', unfollowed), def.per),
      }),
      data: { fix: 'insert-after', target: lastOfKey.index, insert: def.after, keys: unfollowed },
    });
  }
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
