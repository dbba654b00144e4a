/** The `field` kind: a parameter of matching steps passes a check against a value or the inventory. */
import type { RuleContext } from '../context';
import type { FieldCheck, FieldDef, Report } from '../types';
import { fill, select } from './match';

const norm = (v: string) =>
  v
    .trim()
    .replace(/[\\/]+$/, '')
    .toLowerCase();

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** `undefined` when the value passes; otherwise what it should have been (for the message and the fix). */
function failure(
  check: FieldCheck,
  value: unknown,
  ctx: RuleContext,
): { expected: string; fixValue?: unknown; note?: string } | undefined | 'skip' {
  if ('equals' in check)
    return value === check.equals ? undefined : { expected: JSON.stringify(check.equals), fixValue: check.equals };
  if ('notEquals' in check)
    return value !== check.notEquals ? undefined : { expected: `not ${JSON.stringify(check.notEquals)}` };
  if ('equalsInventory' in check) {
    const want = ctx.server[check.equalsInventory];
    if (typeof want !== 'string') return 'skip'; // absent from the inventory: nothing to compare with
    return typeof value === 'string' && norm(value) === norm(want) ? undefined : { expected: want, fixValue: want };
  }
  if ('sameSetAsInventory' in check) {
    const want = ctx.server.components;
    if (!want) return 'skip';
    const ignore = new Set(check.ignore ?? []);
    const a = new Set((Array.isArray(value) ? value : []).map(String).filter((x) => !ignore.has(x)));
    const b = new Set(want.filter((x) => !ignore.has(x)));
    const same = a.size === b.size && [...a].every((x) => b.has(x));
    return same ? undefined : { expected: [...b].join(', '), fixValue: [...b] };
  }
  if ('notContains' in check) {
    const has = Array.isArray(value) ? value.includes(check.notContains) : value === check.notContains;
    return has
      ? {
          expected: `without ${check.notContains}`,
          fixValue: Array.isArray(value) ? value.filter((x) => x !== check.notContains) : undefined,
        }
      : undefined;
  }
  if ('includes' in check) {
    const ok = typeof value === 'string' && value.toLowerCase().includes(check.includes.toLowerCase());
    return ok
      ? undefined
      : {
          expected: `to include ${check.includes}`,
          fixValue: typeof value === 'string' ? `${value.trimEnd()} ${check.includes}` : undefined,
        };
  }
  if (typeof value !== 'string' || !/^\d+(\.\d+)*$/.test(value)) return 'skip'; // the schema reports malformed versions
  if (compareVersions(value, check.minVersion) >= 0) return undefined;
  const bad = check.knownBad?.includes(value) ? ' (a build known to produce unusable Exchange backups)' : '';
  return { expected: `${check.minVersion} or later`, note: bad };
}

export function checkField(def: FieldDef, ctx: RuleContext, report: Report): void {
  for (const step of select(ctx, def.step)) {
    const value = step.with[def.param];
    if (value === undefined) {
      if (def.required && 'equals' in def.check) {
        report({
          span: step.anchor,
          message: fill(def.message, {
            step: step.label,
            action: step.action,
            param: def.param,
            actual: 'missing',
            expected: JSON.stringify(def.check.equals),
          }),
          data: { fix: 'set-param', step: step.index, param: def.param, value: def.check.equals },
        });
      }
      continue;
    }
    const f = failure(def.check, value, ctx);
    if (!f || f === 'skip') continue;
    report({
      span: step.paramSpan(def.param),
      message: fill(def.message, {
        step: step.label,
        action: step.action,
        param: def.param,
        actual: Array.isArray(value) ? value.join(', ') : String(value),
        expected: f.expected,
        note: f.note ?? '',
      }),
      data:
        f.fixValue === undefined
          ? undefined
          : { fix: 'set-param', step: step.index, param: def.param, value: f.fixValue },
    });
  }
}
