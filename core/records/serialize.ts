/**
 * The canonical text of a run: each event on one line with its fields in a fixed order, the lines
 * sorted by (time, operator, step, line text) and without duplicates, `\n` after every line. The
 * same run therefore always serialises to the same bytes, whatever order its events arrived in.
 */
import { FIELD_ORDER, type RunEvent } from './events';

function sortedObject(o: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

/** One event as one line of JSON (no newline), fields in `FIELD_ORDER`, evidence keys sorted. */
export function eventLine(e: RunEvent): string {
  const src = e as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    const v = src[key];
    if (v === undefined) continue;
    out[key] = key === 'evidence' ? sortedObject(v as Record<string, string>) : v;
  }
  return JSON.stringify(out);
}

/** Milliseconds of a timestamp; NaN sorts first. */
function millis(at: string): number {
  const t = Date.parse(at);
  return Number.isNaN(t) ? -Infinity : t;
}

function stepOf(e: RunEvent): string {
  return 'step' in e && typeof e.step === 'string' ? e.step : '';
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The deterministic order of events: time, then operator, then step, then the whole line. */
export function compareEvents(a: RunEvent, b: RunEvent): number {
  return (
    millis(a.at) - millis(b.at) ||
    cmp(a.at, b.at) ||
    cmp(a.by, b.by) ||
    cmp(stepOf(a), stepOf(b)) ||
    cmp(eventLine(a), eventLine(b))
  );
}

/** Arrays `canonicalEvents` returned: already sorted and unique, so folding them again skips the work. */
const canonical = new WeakSet<readonly RunEvent[]>();

/**
 * Sorted, without exact duplicates (a union merge can keep a line from both sides). Each event's
 * line and time are computed once, not per comparison: a 10,000-event record sorted with
 * `compareEvents` serialised each event dozens of times. The order is `compareEvents`'s.
 */
export function canonicalEvents(events: readonly RunEvent[]): RunEvent[] {
  if (canonical.has(events)) return events as RunEvent[];
  const seen = new Set<string>();
  const keyed: { e: RunEvent; t: number; step: string; line: string }[] = [];
  for (const e of events) {
    const line = eventLine(e);
    if (seen.has(line)) continue;
    seen.add(line);
    keyed.push({ e, t: millis(e.at), step: stepOf(e), line });
  }
  keyed.sort(
    (a, b) => a.t - b.t || cmp(a.e.at, b.e.at) || cmp(a.e.by, b.e.by) || cmp(a.step, b.step) || cmp(a.line, b.line),
  );
  const out = keyed.map((k) => k.e);
  canonical.add(out);
  return out;
}

/** The record file's text for these events. */
export function serializeRecord(events: readonly RunEvent[]): string {
  return canonicalEvents(events)
    .map((e) => `${eventLine(e)}\n`)
    .join('');
}
