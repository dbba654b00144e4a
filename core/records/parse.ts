/**
 * Reads a run record. Every problem names its line (1-based): git conflict markers, a cut-off
 * last line, a line that is not an event. A record with any problem must never be written over:
 * the callers show the problem and keep the file as it is.
 */
import {
  EVENT_KINDS,
  FIELDS,
  FORMAT_VERSION,
  UTC_TIMESTAMP,
  type EventKind,
  type RunEvent,
  type StartEvent,
} from './events';
import { canonicalEvents } from './serialize';

export interface RecordProblem {
  line: number;
  message: string;
}

export interface ParsedRecord {
  /** Every event that could be read, sorted and without duplicates. */
  events: RunEvent[];
  /** The start event, when there is exactly one. */
  start?: StartEvent;
  problems: RecordProblem[];
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(\s|$)/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Why an object is not a valid event, or undefined. */
export function eventProblem(o: Record<string, unknown>): string | undefined {
  const kind = o.event;
  if (typeof kind !== 'string' || !EVENT_KINDS.includes(kind as EventKind)) {
    return typeof kind === 'string' ? `unknown event '${kind}' (written by a newer version?)` : 'no "event" field';
  }
  if (typeof o.at !== 'string' || !UTC_TIMESTAMP.test(o.at) || Number.isNaN(Date.parse(o.at))) {
    return '"at" must be a UTC ISO 8601 time such as 2026-11-25T09:00:00.000Z';
  }
  if (typeof o.by !== 'string' || !o.by.trim()) return '"by" (the operator) must be a non-empty text';
  const spec = FIELDS[kind as EventKind];
  for (const key of Object.keys(o)) {
    if (key === 'at' || key === 'by' || key === 'event') continue;
    if (!spec.required.includes(key) && !spec.optional.includes(key))
      return `unknown field "${key}" in a ${kind} event`;
  }
  for (const key of spec.required) if (!(key in o)) return `a ${kind} event needs "${key}"`;
  for (const key of ['step', 'note', 'reason', 'override', 'title', 'runbook', 'sha256']) {
    if (key in o && typeof o[key] !== 'string') return `"${key}" must be a text`;
  }
  if ('step' in o && !(o.step as string)) return '"step" must not be empty';
  if (kind === 'skip' && !(o.reason as string).trim()) return 'a skip needs a reason';
  if ('evidence' in o) {
    if (!isRecord(o.evidence) || Object.values(o.evidence).some((v) => typeof v !== 'string'))
      return '"evidence" must map keys to texts';
  }
  if (kind === 'start') {
    if (o.format !== FORMAT_VERSION)
      return `format ${String(o.format)} is not supported (this version reads format ${FORMAT_VERSION})`;
    if (typeof o.rehearsal !== 'boolean') return '"rehearsal" must be true or false';
    const steps = o.steps;
    if (
      !Array.isArray(steps) ||
      steps.some((s) => !Array.isArray(s) || s.length !== 2 || s.some((x) => typeof x !== 'string'))
    ) {
      return '"steps" must be a list of [step id, digest] pairs';
    }
  }
  return undefined;
}

/**
 * The JSON error without the text it quotes: JSON.parse's message echoes the line's first
 * characters, and a file that is not a record may hold anything (`db_password=…`, a passwd line).
 */
function notJson(e: unknown): string {
  const at = /position (\d+)/.exec((e as Error).message);
  return `not a JSON event${at ? ` (column ${Number(at[1]) + 1})` : ''}; the line is not shown, it may not be a record`;
}

export function parseRecord(text: string): ParsedRecord {
  const problems: RecordProblem[] = [];
  const events: RunEvent[] = [];
  // Line of each event read; of duplicates, the sort keeps the first one read, so its line is the first.
  const lineOf = new Map<RunEvent, number>();
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  lines.forEach((raw, i) => {
    const line = i + 1;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!content.trim()) return;
    if (CONFLICT_MARKER.test(content)) {
      problems.push({
        line,
        message: `git conflict marker '${content.slice(0, 7)}': keep the lines of both sides, remove the markers (and add '*.runbook-run merge=union' to .gitattributes so it does not happen again)`,
      });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (e) {
      const last = i === lines.length - 1;
      problems.push({
        line,
        message: last && !endsWithNewline ? 'the last line is cut off (the file looks truncated)' : notJson(e),
      });
      return;
    }
    if (!isRecord(value)) {
      problems.push({ line, message: 'not a JSON object' });
      return;
    }
    const why = eventProblem(value);
    if (why) {
      problems.push({ line, message: why });
      return;
    }
    const event = value as unknown as RunEvent;
    lineOf.set(event, line);
    events.push(event);
  });

  const sorted = canonicalEvents(events);
  const starts = sorted.filter((e): e is StartEvent => e.event === 'start');
  if (starts.length > 1) {
    problems.push({
      line: lineOf.get(starts[1]) ?? 1,
      message: 'a second, different start event: one file holds one run',
    });
  }
  if (starts.length === 0 && problems.length === 0) {
    problems.push({ line: 1, message: events.length ? 'no start event' : 'the record is empty (no start event)' });
  }
  problems.sort((a, b) => a.line - b.line);
  return { events: sorted, start: starts.length === 1 ? starts[0] : undefined, problems };
}
