/**
 * Time against the plan, from the record alone (the start event keeps `rto` and `expect`): how
 * long the run has taken against its recovery time objective, when it will finish if the steps
 * left take what they are expected to, and which started steps run past their expectation.
 */
import type { RunState } from './fold';
import { progressOf } from './progress';

export interface StepTiming {
  id: string;
  /** Expected seconds (`expect:`), when declared. */
  expect?: number;
  /** Seconds from begin to done (or to now while running); undefined when it never began. */
  actual?: number;
  running: boolean;
  /** Running (or ran) longer than expected. */
  over: boolean;
}

export interface Projection {
  /** Seconds since the start (to the finish, once finished). */
  elapsed: number;
  /** The recovery time objective in seconds, when the runbook declares one. */
  rto?: number;
  /** Seconds the steps left are expected to take (running steps: what is left of their expectation). */
  remaining: number;
  /** Steps left that declare no `expect:` (the projection leaves them out, so it is a lower bound). */
  unestimated: number;
  /** When the run is expected to end (ISO); undefined once finished. */
  projectedFinish?: string;
  /** Projected total seconds against the objective: positive when the objective would be missed. */
  overRto?: number;
  steps: StepTiming[];
  /** Ids of the steps running past their expectation now. */
  overrunning: string[];
}

const seconds = (from: string, to: number): number => Math.max(0, Math.round((to - Date.parse(from)) / 1000));

/** The projection of a run at `now` (ISO), over the step ids of the start event. */
export function projectRun(state: RunState, now: string): Projection {
  const start = state.start;
  const nowMs = state.finished && state.finishedAt ? Date.parse(state.finishedAt) : Date.parse(now);
  const expect = new Map(start?.expect ?? []);
  const ids = (start?.steps ?? []).map(([id]) => id);
  let remaining = 0;
  let unestimated = 0;
  const steps: StepTiming[] = [];
  for (const id of ids) {
    const s = state.steps.get(id);
    const progress = progressOf(state, id);
    const expected = expect.get(id);
    const running = progress === 'running';
    const ended = s?.status === 'done' && s.at ? Date.parse(s.at) : undefined;
    const actual = s?.startedAt ? seconds(s.startedAt, running ? nowMs : (ended ?? nowMs)) : undefined;
    const timed = running || ended !== undefined;
    const over = expected !== undefined && actual !== undefined && timed && actual > expected;
    steps.push({ id, expect: expected, actual: timed ? actual : undefined, running, over });
    if (progress === 'done' || progress === 'skipped' || progress === 'awaiting') continue;
    if (expected === undefined) unestimated++;
    else remaining += running ? Math.max(0, expected - (actual ?? 0)) : expected;
  }
  const elapsed = start ? seconds(start.at, nowMs) : 0;
  const rto = start?.rto;
  return {
    elapsed,
    rto,
    remaining,
    unestimated,
    projectedFinish: state.finished ? undefined : new Date(nowMs + remaining * 1000).toISOString(),
    overRto: rto === undefined ? undefined : elapsed + remaining - rto,
    steps,
    overrunning: steps.filter((s) => s.running && s.over).map((s) => s.id),
  };
}
