/** A run's state: the fold of its events in their deterministic order. */
import { isStepEvent, type RunEvent, type StartEvent } from './events';
import { canonicalEvents } from './serialize';

export type StepStatus = 'pending' | 'done' | 'skipped';

export interface StepNote {
  at: string;
  by: string;
  text: string;
}

export interface StepRun {
  id: string;
  status: StepStatus;
  /** When and by whom the current status was set (absent for a step never touched). */
  at?: string;
  by?: string;
  evidence?: Record<string, string>;
  /** Why the ordering gate was overridden when it was ticked. */
  override?: string;
  /** Why it was skipped (or undone). */
  reason?: string;
  /** When work on it began (the first `begin` since it was last undone). */
  startedAt?: string;
  /** The second operator's confirmation, for a step that needs two people. */
  signedOff?: { at: string; by: string };
  notes: StepNote[];
}

export interface RunState {
  start?: StartEvent;
  /** Every event, sorted. */
  events: RunEvent[];
  steps: Map<string, StepRun>;
  /** Notes on the run itself. */
  notes: StepNote[];
  finished: boolean;
  finishedAt?: string;
  finishedBy?: string;
  operators: string[];
  /** Time of the last event. */
  lastAt?: string;
}

function stepRun(steps: Map<string, StepRun>, id: string): StepRun {
  let s = steps.get(id);
  if (!s) steps.set(id, (s = { id, status: 'pending', notes: [] }));
  return s;
}

export function foldRun(input: readonly RunEvent[]): RunState {
  const events = canonicalEvents(input);
  const steps = new Map<string, StepRun>();
  const notes: StepNote[] = [];
  const operators = new Set<string>();
  const state: RunState = { events, steps, notes, finished: false, operators: [] };
  for (const e of events) {
    operators.add(e.by);
    state.lastAt = e.at;
    if (e.event === 'start') {
      state.start = e;
      continue;
    }
    if (isStepEvent(e)) {
      const s = stepRun(steps, e.step);
      s.at = e.at;
      s.by = e.by;
      s.evidence = undefined;
      s.override = undefined;
      s.reason = undefined;
      s.signedOff = undefined;
      if (e.event === 'undo') s.startedAt = undefined;
      if (e.event === 'done') {
        s.status = 'done';
        s.evidence = e.evidence;
        s.override = e.override;
      } else if (e.event === 'skip') {
        s.status = 'skipped';
        s.reason = e.reason;
      } else {
        s.status = 'pending';
        s.reason = e.reason;
      }
      if ((e.event === 'done' || e.event === 'skip') && e.note) s.notes.push({ at: e.at, by: e.by, text: e.note });
      continue;
    }
    if (e.event === 'begin') {
      const s = stepRun(steps, e.step);
      s.startedAt ??= e.at;
      continue;
    }
    if (e.event === 'signoff') {
      const s = stepRun(steps, e.step);
      if (s.status === 'done' && s.by !== e.by) s.signedOff ??= { at: e.at, by: e.by };
      if (e.note) s.notes.push({ at: e.at, by: e.by, text: e.note });
      continue;
    }
    if (e.event === 'note') {
      const note = { at: e.at, by: e.by, text: e.note };
      if (e.step) stepRun(steps, e.step).notes.push(note);
      else notes.push(note);
      continue;
    }
    if (e.event === 'finish') {
      state.finished = true;
      state.finishedAt = e.at;
      state.finishedBy = e.by;
      if (e.note) notes.push({ at: e.at, by: e.by, text: e.note });
      continue;
    }
    // reopen
    state.finished = false;
    state.finishedAt = undefined;
    state.finishedBy = undefined;
    if (e.reason) notes.push({ at: e.at, by: e.by, text: e.reason });
  }
  state.operators = [...operators].sort();
  return state;
}

export function statusOf(state: RunState, id: string): StepStatus {
  return state.steps.get(id)?.status ?? 'pending';
}
