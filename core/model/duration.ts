/**
 * Durations as runbooks write them (`rto: 4h`, `expect: 45m`): days, hours, minutes and seconds in
 * that order, each at most once, such as `90s`, `45m`, `1h30m`, `2d`. One parser for the schema's
 * pattern, the plan, the record's start event and the CLI.
 */

/** The form of a duration, for the JSON Schema (at least one part; units in order d, h, m, s). */
export const DURATION_PATTERN = '^(?=\\d)(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?$';

const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
const FORM = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Seconds in `text`, or undefined when it is not a duration (empty, `1.5h`, `30`, `1m1h`). */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  const m = FORM.exec(t);
  if (!t || !m) return undefined;
  const [, d, h, min, s] = m;
  const total =
    Number(d ?? 0) * UNIT_SECONDS.d +
    Number(h ?? 0) * UNIT_SECONDS.h +
    Number(min ?? 0) * UNIT_SECONDS.m +
    Number(s ?? 0) * UNIT_SECONDS.s;
  return Number.isSafeInteger(total) ? total : undefined;
}

/** `1h 30m`, `45m`, `2d 4h`, `50s`: the largest two units, for people reading a plan or a status. */
export function formatSeconds(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3_600), 'h'],
    [Math.floor((total % 3_600) / 60), 'm'],
    [total % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return '0s';
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n}${u}`)
    .join(' ');
}
