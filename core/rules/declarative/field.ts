/** The `field` kind: a parameter of matching steps passes a check against a value or the inventory. */
import type { RuleContext } from '../context';
import type { FieldCheck, FieldDef, Report } from '../types';
import { fill, select } from './match';

const norm = (v: string) =>
  v
    .trim()
    .replace(/[\\/]+$/, '')
    .toLowerCase();

const loose = (v: string) => v.toLowerCase().replace(/[^a-z0-9]+/g, '');

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
  if ('notEqualsInventory' in check) {
    const other = ctx.server[check.notEqualsInventory];
    if (typeof other !== 'string') return 'skip';
    return typeof value === 'string' && norm(value) === norm(other) ? { expected: `not ${other}` } : undefined;
  }
  if ('sameSetAsInventory' in check) {
    const want = ctx.server[check.sameSetAsInventory];
    if (!want) return 'skip';
    const ignore = new Set(check.ignore ?? []);
    const a = new Set((Array.isArray(value) ? value : []).map(String).filter((x) => !ignore.has(x)));
    const b = new Set(want.filter((x) => !ignore.has(x)));
    const la = new Set([...a].map(loose));
    const same = la.size === b.size && [...b].every((x) => la.has(loose(x)));
    return same ? undefined : { expected: [...b].join(', '), fixValue: [...b] };
  }
  if ('notContains' in check) {
    // Several spellings of one thing ("certificate-authority", "Certificate Services"), compared loosely.
    const banned = new Set((Array.isArray(check.notContains) ? check.notContains : [check.notContains]).map(loose));
    const hit = (x: unknown) => banned.has(loose(String(x)));
    const has = Array.isArray(value) ? value.some(hit) : hit(value);
    const first = Array.isArray(check.notContains) ? check.notContains[0] : check.notContains;
    return has
      ? {
          expected: `without ${first}`,
          fixValue: Array.isArray(value) ? value.filter((x) => !hit(x)) : undefined,
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
  if ('atLeast' in check)
    return typeof value !== 'number' || value >= check.atLeast
      ? undefined
      : { expected: `at least ${check.atLeast}`, fixValue: check.atLeast };
  // The build number leads; text after it ("5.0.2172.1 (Windows 2000 RTM)") does not hide it.
  const version = typeof value === 'string' ? /^\s*v?(\d+(?:\.\d+)+)/i.exec(value)?.[1] : undefined;
  if (!version) return 'skip'; // not a version at all: nothing to compare
  if (compareVersions(version, check.minVersion) >= 0) return undefined;
  const bad = check.knownBad?.includes(version) ? ' (a build known to produce unusable Exchange backups)' : '';
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
