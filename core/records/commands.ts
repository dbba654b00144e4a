/**
 * The one place that decides whether an operator's action becomes an event: the ordering gate,
 * evidence against the step's pattern, secret refusal, and read-only finished runs. The CLI and the
 * extension both call `decide` on the freshest state of the file, under its lock.
 */
import { FORMAT_VERSION, type BeginEvent, type RunEvent, type StartEvent } from './events';
import { statusOf, type RunState } from './fold';
import { blockers, stepsFromStart, type GateStep } from './gate';
import { stepDigests, type RunbookPlan } from './plan';
import { needsSignoff } from './progress';
import { cleanEvidence, evidenceProblems, textProblem, type FieldProblem } from './validate';

export type RunRequest =
  | { kind: 'tick'; step: string; note?: string; evidence?: Record<string, string>; override?: string }
  | { kind: 'begin'; step: string }
  | { kind: 'signoff'; step: string; note?: string }
  | { kind: 'skip'; step: string; reason: string; note?: string }
  | { kind: 'undo'; step: string; reason?: string }
  | { kind: 'note'; step?: string; note: string }
  | { kind: 'finish'; note?: string }
  | { kind: 'reopen'; reason?: string };

export type RefusalCode =
  'gate' | 'evidence' | 'secret' | 'finished' | 'not-finished' | 'unknown-step' | 'state' | 'same-operator' | 'invalid';

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** For `gate`: the steps not yet done. */
  blockers?: string[];
  /** For `evidence`: problems per evidence key. */
  fields?: FieldProblem[];
}

export type Decision = { event: RunEvent; refusal?: undefined } | { refusal: Refusal; event?: undefined };

export interface DecideContext {
  /** The runbook as it is now; without it the order kept in the start event is used. */
  plan?: RunbookPlan;
  state: RunState;
  /** The time now (UTC ISO) and the operator. */
  now: string;
  by: string;
}

/** `now`, or 1 ms after the last event when the clock is behind it, so a writer's events stay in order. */
export function nextTimestamp(now: string, lastAt: string | undefined): string {
  if (!lastAt) return now;
  const last = Date.parse(lastAt);
  return Date.parse(now) > last ? now : new Date(last + 1).toISOString();
}

function refuse(code: RefusalCode, message: string, extra: Partial<Refusal> = {}): Decision {
  return { refusal: { code, message, ...extra } };
}

function describe(state: RunState, id: string): string {
  const s = state.steps.get(id);
  return s?.by && s.at ? ` by ${s.by} at ${s.at}` : '';
}

function checkTexts(texts: [string | undefined, string][]): Decision | undefined {
  for (const [text, what] of texts) {
    if (text === undefined) continue;
    const problem = textProblem(text, what);
    if (problem) return refuse('secret', problem);
  }
  return undefined;
}

const trimmed = (s: string | undefined): string | undefined => (s && s.trim() ? s.trim() : undefined);

export function decide(ctx: DecideContext, req: RunRequest): Decision {
  const { plan, state } = ctx;
  if (!state.start) return refuse('invalid', 'The record has no start event.');
  const at = nextTimestamp(ctx.now, state.lastAt);
  const by = ctx.by;
  if (req.kind === 'reopen') {
    if (!state.finished) return refuse('not-finished', 'This run is not finished.');
    return (
      checkTexts([[req.reason, 'The reason']]) ?? { event: { at, by, event: 'reopen', reason: trimmed(req.reason) } }
    );
  }
  if (state.finished)
    return refuse(
      'finished',
      `This run was finished${state.finishedBy ? ` by ${state.finishedBy} at ${state.finishedAt}` : ''}: it is read-only until it is reopened.`,
    );
  if (req.kind === 'finish') {
    return checkTexts([[req.note, 'The note']]) ?? { event: { at, by, event: 'finish', note: trimmed(req.note) } };
  }
  if (req.kind === 'note') {
    const note = trimmed(req.note);
    if (!note) return refuse('invalid', 'The note is empty.');
    if (req.step !== undefined && !knownStep(ctx, req.step)) return refuse('unknown-step', unknownStep(req.step));
    return checkTexts([[note, 'The note']]) ?? { event: { at, by, event: 'note', step: req.step, note } };
  }
  const id = req.step;
  if (!knownStep(ctx, id)) return refuse('unknown-step', unknownStep(id));
  const status = statusOf(state, id);
  if (req.kind === 'begin') {
    if (status !== 'pending') return refuse('state', `Step '${id}' is already ${status}${describe(state, id)}.`);
    const began = state.steps.get(id)?.startedAt;
    if (began) return refuse('state', `Work on step '${id}' already began at ${began}.`);
    return { event: { at, by, event: 'begin', step: id } };
  }
  if (req.kind === 'signoff') return decideSignoff(ctx, req, at);
  if (req.kind === 'undo') {
    if (status === 'pending') return refuse('state', `Step '${id}' is not done or skipped.`);
    return (
      checkTexts([[req.reason, 'The reason']]) ?? {
        event: { at, by, event: 'undo', step: id, reason: trimmed(req.reason) },
      }
    );
  }
  if (req.kind === 'skip') {
    const reason = trimmed(req.reason);
    if (!reason) return refuse('invalid', `Skipping '${id}' needs a reason.`);
    if (status === 'skipped') return refuse('state', `Step '${id}' is already skipped${describe(state, id)}.`);
    return (
      checkTexts([
        [reason, 'The reason'],
        [req.note, 'The note'],
      ]) ?? { event: { at, by, event: 'skip', step: id, reason, note: trimmed(req.note) } }
    );
  }
  // tick
  if (status === 'done') return refuse('state', `Step '${id}' is already done${describe(state, id)}.`);
  const specs = plan?.byId.get(id)?.evidence ?? [];
  const values = req.evidence ?? {};
  const fields = evidenceProblems(specs, values);
  if (fields.length) {
    const secret = fields.some((f) => f.message.startsWith('Refused:'));
    return refuse(secret ? 'secret' : 'evidence', fields.map((f) => f.message).join(' '), { fields });
  }
  const textRefusal = checkTexts([
    [req.note, 'The note'],
    [req.override, 'The override reason'],
  ]);
  if (textRefusal) return textRefusal;
  const pending = blockers(gateSteps(ctx), state, id);
  const override = trimmed(req.override);
  if (pending.length && !override) {
    return refuse(
      'gate',
      `Step '${id}' comes after ${pending.map((p) => `'${p}'`).join(', ')}, not done yet. Tick it anyway only with an override reason.`,
      { blockers: pending },
    );
  }
  return {
    event: {
      at,
      by,
      event: 'done',
      step: id,
      note: trimmed(req.note),
      evidence: cleanEvidence(values),
      override: pending.length ? override : undefined,
    },
  };
}

/** A second, different operator confirms a done step that needs two people. */
function decideSignoff(ctx: DecideContext, req: { step: string; note?: string }, at: string): Decision {
  const { state, by } = ctx;
  const id = req.step;
  const s = state.steps.get(id);
  if (!needsSignoff(state, id)) return refuse('state', `Step '${id}' needs no sign-off.`);
  if (s?.status !== 'done') return refuse('state', `Step '${id}' is not done: it can be signed off once it is ticked.`);
  if (s.signedOff)
    return refuse('state', `Step '${id}' was already signed off by ${s.signedOff.by} at ${s.signedOff.at}.`);
  if (s.by === by)
    return refuse(
      'same-operator',
      `${by} ticked step '${id}': the sign-off must come from a second, different operator.`,
    );
  return (
    checkTexts([[req.note, 'The note']]) ?? { event: { at, by, event: 'signoff', step: id, note: trimmed(req.note) } }
  );
}

/**
 * The `begin` to write before an accepted request that implies work on a step began: the first
 * note on a step that is neither started nor done. Undefined when none is due.
 */
export function implicitBegin(ctx: DecideContext, req: RunRequest): BeginEvent | undefined {
  if (req.kind !== 'note' || !req.step || !ctx.state.start || ctx.state.finished) return undefined;
  if (!knownStep(ctx, req.step) || statusOf(ctx.state, req.step) !== 'pending') return undefined;
  if (ctx.state.steps.get(req.step)?.startedAt) return undefined;
  return { at: nextTimestamp(ctx.now, ctx.state.lastAt), by: ctx.by, event: 'begin', step: req.step };
}

function gateSteps(ctx: DecideContext): GateStep[] {
  return ctx.plan ? ctx.plan.steps : stepsFromStart(ctx.state);
}

function knownStep(ctx: DecideContext, id: string): boolean {
  if (ctx.plan) return ctx.plan.byId.has(id) || ctx.state.steps.has(id);
  return (ctx.state.start?.steps ?? []).some(([s]) => s === id) || ctx.state.steps.has(id);
}

function unknownStep(id: string): string {
  return `The runbook has no step '${id}'.`;
}

/** The event that starts a run of `plan`. */
export function startEvent(
  plan: RunbookPlan,
  runbook: string,
  opts: { now: string; by: string; rehearsal: boolean; errors?: number; reason?: string },
): StartEvent {
  const ids = [...plan.byId.values()];
  const expect = ids.filter((s) => s.expect !== undefined).map((s): [string, number] => [s.id!, s.expect!]);
  const signoff = ids.filter((s) => s.signoff).map((s) => s.id!);
  const errors = opts.errors ? opts.errors : undefined;
  return {
    at: opts.now,
    by: opts.by,
    event: 'start',
    format: FORMAT_VERSION,
    runbook,
    sha256: plan.sha256,
    rehearsal: opts.rehearsal,
    title: plan.title,
    steps: stepDigests(plan),
    ...(errors ? { errors, reason: trimmed(opts.reason) } : {}),
    ...(plan.rto !== undefined ? { rto: plan.rto } : {}),
    ...(expect.length ? { expect } : {}),
    ...(signoff.length ? { signoff } : {}),
  };
}

/**
 * Why a run may not start: a real run on a runbook with errors needs a reason, which the start
 * event keeps; a rehearsal starts freely (it is marked as one everywhere).
 */
export function startProblem(opts: { errors: number; rehearsal: boolean; reason?: string }): string | undefined {
  if (opts.rehearsal || !opts.errors) return undefined;
  const reason = trimmed(opts.reason);
  const count = opts.errors === 1 ? '1 error' : `${opts.errors} errors`;
  if (!reason)
    return `The runbook has ${count}. Start a rehearsal, fix the runbook, or give the reason this real run must start anyway.`;
  return textProblem(reason, 'The reason');
}
