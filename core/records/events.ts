/**
 * The run record, format 1: one JSON object per line, one line per event. A run's state is a fold
 * of its events sorted by (time, operator, step, line text), so the order of lines in the file does
 * not matter and two clones that append different events merge with git's `union` driver.
 *
 * Pure data types and constants: no fs, no editor, no crypto (the webview imports this file).
 */

/** File name ending of a run record; `.gitattributes` gives it `merge=union`. */
export const RECORD_EXTENSION = '.runbook-run';
/** The line that makes concurrent appends merge without a conflict (see docs in recordFiles.ts). */
export const GITATTRIBUTES_LINE = '*.runbook-run merge=union';
export const FORMAT_VERSION = 1;

interface EventBase {
  /** UTC ISO 8601 with milliseconds, `2026-11-25T09:00:00.000Z`. */
  at: string;
  /** The operator's name. */
  by: string;
}

/** The first event: which runbook, which text (digest) and which steps (per-step digests, in order). */
export interface StartEvent extends EventBase {
  event: 'start';
  format: number;
  /** Workspace-relative path, `/`-separated. */
  runbook: string;
  /** sha256 (hex) of the runbook's text when the run started. */
  sha256: string;
  rehearsal: boolean;
  title?: string;
  /** `[step id, digest of the step]` in runbook order: what changed since the start is named from these. */
  steps: [string, string][];
  /** Number of errors the runbook had when a real run was started anyway (with `reason`). */
  errors?: number;
  /** Why a real run was started on a runbook with errors. */
  reason?: string;
  /** The runbook's recovery time objective, in seconds (`rto:` in the runbook). */
  rto?: number;
  /** `[step id, expected seconds]` for the steps that declare `expect:`. */
  expect?: [string, number][];
  /** Ids of the steps that need a second, different operator's sign-off (`signoff: 2`). */
  signoff?: string[];
}

/** Work on a step began (explicitly, or written with the first note or evidence on it). */
export interface BeginEvent extends EventBase {
  event: 'begin';
  step: string;
}
/** A second operator, different from the one who ticked it, confirms a done step. */
export interface SignoffEvent extends EventBase {
  event: 'signoff';
  step: string;
  note?: string;
}

export interface DoneEvent extends EventBase {
  event: 'done';
  step: string;
  note?: string;
  evidence?: Record<string, string>;
  override?: string;
}
export interface SkipEvent extends EventBase {
  event: 'skip';
  step: string;
  reason: string;
  note?: string;
}
/** Back to not done (an untick). */
export interface UndoEvent extends EventBase {
  event: 'undo';
  step: string;
  reason?: string;
}
/** A note on a step, or on the run when `step` is absent. */
export interface NoteEvent extends EventBase {
  event: 'note';
  step?: string;
  note: string;
}
export interface FinishEvent extends EventBase {
  event: 'finish';
  note?: string;
}
export interface ReopenEvent extends EventBase {
  event: 'reopen';
  reason?: string;
}

export type StepEvent = DoneEvent | SkipEvent | UndoEvent;
export type RunEvent =
  StartEvent | BeginEvent | DoneEvent | SignoffEvent | SkipEvent | UndoEvent | NoteEvent | FinishEvent | ReopenEvent;
export type EventKind = RunEvent['event'];

export const EVENT_KINDS: readonly EventKind[] = [
  'start',
  'begin',
  'done',
  'signoff',
  'skip',
  'undo',
  'note',
  'finish',
  'reopen',
];

/** Every field a line may hold, in the order it is written (the canonical form). */
export const FIELD_ORDER = [
  'at',
  'by',
  'event',
  'step',
  'format',
  'runbook',
  'sha256',
  'rehearsal',
  'title',
  'reason',
  'override',
  'note',
  'evidence',
  'errors',
  'rto',
  'expect',
  'signoff',
  'steps',
] as const;

/** Fields each kind requires (beyond at/by/event) and allows. */
export const FIELDS: Record<EventKind, { required: readonly string[]; optional: readonly string[] }> = {
  start: {
    required: ['format', 'runbook', 'sha256', 'rehearsal', 'steps'],
    optional: ['title', 'errors', 'reason', 'rto', 'expect', 'signoff'],
  },
  begin: { required: ['step'], optional: [] },
  signoff: { required: ['step'], optional: ['note'] },
  done: { required: ['step'], optional: ['note', 'evidence', 'override'] },
  skip: { required: ['step', 'reason'], optional: ['note'] },
  undo: { required: ['step'], optional: ['reason'] },
  note: { required: ['note'], optional: ['step'] },
  finish: { required: [], optional: ['note'] },
  reopen: { required: [], optional: ['reason'] },
};

/** `2026-11-25T09:00:00.000Z`: what `Date.prototype.toISOString` writes. Seconds fractions optional. */
export const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export function isStepEvent(e: RunEvent): e is StepEvent {
  return e.event === 'done' || e.event === 'skip' || e.event === 'undo';
}
