/**
 * What a checklist shows and a run follows: the steps of a runbook in order, with titles (the
 * action's summary when the step has none), dependencies, evidence and a digest per step.
 */
import { ACTION_BY_ID } from '../model/catalogue/actions';
import { parseDuration } from '../model/duration';
import type { ParsedRunbook } from '../model/parse/parseRunbook';
import { sha256, stepDigest } from './digest';
import { evidenceSpecs, type EvidenceSpec } from './validate';

export interface PlanStep {
  /** Undefined when the step has no id: it is shown but cannot be ticked. */
  id?: string;
  /** The id, or `#<n>` (1-based) for a step without one. Unique within a plan. */
  key: string;
  index: number;
  action?: string;
  title: string;
  /** True when `title` came from the action catalogue. */
  defaultTitle: boolean;
  notes?: string;
  after: string[];
  parallel?: string;
  evidence: EvidenceSpec[];
  /** `expect:` in seconds, when it is a valid duration. */
  expect?: number;
  /** `signoff: 2`: a second, different operator must confirm the tick. */
  signoff?: boolean;
  digest: string;
  /** Offset of the step in the runbook text, to reveal it. */
  offset: number;
}

export interface RunbookPlan {
  title?: string;
  /** `rto:` in seconds, when it is a valid duration. */
  rto?: number;
  sha256: string;
  steps: PlanStep[];
  /** Steps by id; the first wins when an id is used twice. */
  byId: Map<string, PlanStep>;
  duplicateIds: string[];
}

/**
 * Plans per parse. The language service hands back the same parse while a runbook's text is the
 * same, so refreshing the checklist or ticking a step plans (and hashes the text) once per edit.
 * Nobody changes a plan after it is made.
 */
const plans = new WeakMap<ParsedRunbook, RunbookPlan>();

export function planFromParsed(parsed: ParsedRunbook): RunbookPlan {
  let plan = plans.get(parsed);
  if (!plan) plans.set(parsed, (plan = makePlan(parsed)));
  return plan;
}

function makePlan(parsed: ParsedRunbook): RunbookPlan {
  const byId = new Map<string, PlanStep>();
  const duplicateIds: string[] = [];
  const steps = parsed.steps.map((s, index): PlanStep => {
    const action = s.action;
    const explicit = typeof s.value.title === 'string' && s.value.title.trim() ? s.value.title : undefined;
    const summary = action ? ACTION_BY_ID.get(action)?.summary : undefined;
    const step: PlanStep = {
      id: s.id,
      key: s.id ?? `#${index + 1}`,
      index,
      action,
      title: explicit ?? summary ?? action ?? `Step ${index + 1}`,
      defaultTitle: !explicit,
      notes: typeof s.value.notes === 'string' ? s.value.notes : undefined,
      after: s.after,
      parallel: s.parallel,
      evidence: evidenceSpecs(s.value.evidence),
      expect: parseDuration(s.value.expect),
      signoff: s.value.signoff === 2 ? true : undefined,
      digest: stepDigest(s.value),
      offset: s.span.start,
    };
    if (s.id) {
      if (byId.has(s.id)) {
        duplicateIds.push(s.id);
        step.key = `${s.id}#${index + 1}`;
      } else byId.set(s.id, step);
    }
    return step;
  });
  const header = parsed.header ?? {};
  return {
    title: typeof header.title === 'string' ? header.title : undefined,
    rto: parseDuration(header.rto),
    sha256: sha256(parsed.text),
    steps,
    byId,
    duplicateIds,
  };
}

/** The `[id, digest]` list a start event keeps. */
export function stepDigests(plan: RunbookPlan): [string, string][] {
  return [...plan.byId.values()].map((s) => [s.id!, s.digest]);
}

/** A plan as plain JSON (what the language server sends the checklist): everything but the index. */
export type PlanData = Omit<RunbookPlan, 'byId'>;

export function planData(plan: RunbookPlan): PlanData {
  const { byId: _byId, ...data } = plan;
  return data;
}

/** The plan again from its JSON, with the id index rebuilt (the first step with an id wins). */
export function planFromData(data: PlanData): RunbookPlan {
  const byId = new Map<string, PlanStep>();
  for (const s of data.steps) if (s.id && !byId.has(s.id)) byId.set(s.id, s);
  return { ...data, byId };
}
