/**
 * Clock times of a report in the reader's (or operator's) time zone. Records hold UTC; a zone only
 * changes how a time is shown, never a duration. Intl knows the zone rules (daylight saving
 * included) but is slow per call, so it is asked once per quarter hour for the zone's offset (every
 * zone's offsets and changes fall on quarter hours) and the rest is arithmetic: a 2,000-step report
 * formats thousands of times.
 */

export interface Clock {
  /** `2026-11-25` */
  date: string;
  /** `09:05` */
  time: string;
  /** `09:05:07` */
  seconds: string;
  /** `UTC+01:00`, `UTC` */
  offset: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when it is not an IANA zone this runtime knows. */
export function checkTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new RangeError(`unknown time zone '${timeZone}' (use an IANA name such as Europe/Paris or UTC)`);
  }
}

const QUARTER = 15 * 60_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC in minutes at `t`. */
function offsetMinutes(t: number, timeZone: string): number {
  const bucket = Math.floor(t / QUARTER);
  const key = `${timeZone} ${bucket}`;
  let minutes = offsets.get(key);
  if (minutes === undefined) {
    const name = formatter(timeZone)
      .formatToParts(new Date(bucket * QUARTER))
      .find((p) => p.type === 'timeZoneName');
    const m = /([+-])(\d{1,2})(?::(\d{2}))?/.exec(name?.value ?? '');
    minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, minutes);
  }
  return minutes;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function clockIn(iso: string, timeZone = 'UTC'): Clock {
  const t = Date.parse(iso);
  const off = offsetMinutes(t, timeZone);
  const d = new Date(t + off * 60_000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  const abs = Math.abs(off);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time,
    seconds: `${time}:${pad(d.getUTCSeconds())}`,
    offset: off === 0 ? 'UTC' : `UTC${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
  };
}

/** Shows the times of one run: the date only when it is not the start's date (a run across midnight). */
export class RunClock {
  private readonly startDate: string;
  private readonly startOffset: string;
  constructor(
    startedAt: string,
    readonly timeZone = 'UTC',
  ) {
    const c = clockIn(startedAt, timeZone);
    this.startDate = c.date;
    this.startOffset = c.offset;
  }
  /** `01:52`, `2026-11-26 01:52` after midnight, `02:10 UTC+01:00` once daylight saving changed. */
  short(iso: string): string {
    const c = clockIn(iso, this.timeZone);
    const day = c.date === this.startDate ? c.time : `${c.date} ${c.time}`;
    return c.offset === this.startOffset ? day : `${day} ${c.offset}`;
  }
  /** `2026-11-25 09:05:07 UTC+01:00` */
  full(iso: string): string {
    const c = clockIn(iso, this.timeZone);
    return `${c.date} ${c.seconds} ${c.offset}`;
  }
}
