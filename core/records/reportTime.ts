/**
 * Clock times of a report in the reader's (or operator's) time zone. Records hold UTC; a zone only
 * changes how a time is shown, never a duration. Intl does the zone rules (daylight saving included).
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
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
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

export function clockIn(iso: string, timeZone = 'UTC'): Clock {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(iso))) parts[p.type] = p.value;
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT(\+00:00)?/, 'UTC');
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    seconds: `${parts.hour}:${parts.minute}:${parts.second}`,
    offset,
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
