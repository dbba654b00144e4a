/**
 * What the operator can do: each function checks early (so problems show at once), asks for a
 * reason where one is recorded, and sends one request; the host decides and writes.
 */
import { evidenceProblems, textProblem } from '../../core/records/validate';
import type { ModelStep } from '../src/checklist/messages';
import { prompt } from './prompt';
import { act, page, post, render, save, stepById, writable } from './state';

function evidenceValues(step: ModelStep): Record<string, string> {
  const draft = page.drafts[step.key] ?? {};
  const values: Record<string, string> = {};
  for (const e of step.evidence) if (draft[e.key]?.trim()) values[e.key] = draft[e.key];
  return values;
}

function clearDraft(step: ModelStep, key: string): void {
  if (page.drafts[step.key]) delete page.drafts[step.key][key];
  save();
}

/** A new attempt on a step: the messages of the last one go. */
function freshAttempt(step: ModelStep): void {
  if (page.stepErrors.delete(step.key)) render();
}

export function showGeneral(step: ModelStep, message: string): void {
  page.stepErrors.set(step.key, { general: message, fields: {} });
  render();
}

export async function toggle(step: ModelStep): Promise<void> {
  if (!page.model?.run) {
    showGeneral(step, 'Start a run (or a rehearsal) first.');
    return;
  }
  if (!writable() || !step.tickable || !step.id) return;
  if (step.status !== 'pending') {
    act({ kind: 'undo', step: step.id });
    return;
  }
  const evidence = evidenceValues(step);
  const problems = evidenceProblems(step.evidence, evidence);
  // A value refused as a secret leaves the field (and the saved draft) at once.
  for (const p of problems.filter((x) => x.message.startsWith('Refused:'))) clearDraft(step, p.key);
  if (problems.length) {
    page.stepErrors.set(step.key, { fields: Object.fromEntries(problems.map((p) => [p.key, p.message])) });
    render();
    const first = page.stepEls
      .get(step.key)
      ?.querySelector<HTMLInputElement>(`input[data-evidence="${CSS.escape(problems[0].key)}"]`);
    first?.focus();
    return;
  }
  let override: string | undefined;
  if (step.blockedBy.length) {
    override = await askOverride(step, step.blockedBy);
    if (override === undefined) return;
  }
  act({ kind: 'tick', step: step.id, evidence: Object.keys(evidence).length ? evidence : undefined, override });
}

function titleOf(id: string): string {
  const s = stepById(id);
  return s ? `${id} (${s.title})` : id;
}

export function askOverride(step: ModelStep, blockers: string[]): Promise<string | undefined> {
  // The nearest ones by name (what "Waits for" shows), the others counted.
  const near = step.waitsFor.filter((id) => blockers.includes(id));
  const named = (near.length ? near : blockers).slice(0, 3);
  const rest = blockers.length - named.length;
  const more = rest ? ` and ${rest} earlier step${rest === 1 ? '' : 's'}` : '';
  return prompt({
    title: 'Tick out of order?',
    text: `“${step.title}” comes after ${blockers.length === 1 ? 'a step that is' : 'steps that are'} not done: ${named.map(titleOf).join(', ')}${more}. To tick it anyway, give the reason; it is recorded with the tick.`,
    label: 'Override reason',
    okLabel: 'Tick anyway',
    required: true,
    validate: (v) => textProblem(v, 'The reason'),
  });
}

export async function skip(step: ModelStep): Promise<void> {
  if (!writable() || !step.tickable || !step.id || step.status !== 'pending') return;
  freshAttempt(step);
  const reason = await prompt({
    title: 'Skip this step?',
    text: `Why is “${step.title}” skipped? The reason is recorded.`,
    label: 'Reason',
    okLabel: 'Skip',
    required: true,
    validate: (v) => textProblem(v, 'The reason'),
  });
  if (reason !== undefined) act({ kind: 'skip', step: step.id, reason });
}

export async function note(step: ModelStep | undefined): Promise<void> {
  if (!writable() || (step && (!step.tickable || !step.id))) return;
  if (step) freshAttempt(step);
  const text = await prompt({
    title: step ? 'Add a note' : 'Add a note to the run',
    text: step ? `A note on “${step.title}”, recorded with your name and the time.` : 'A note on the whole run.',
    label: 'Note',
    okLabel: 'Add note',
    required: true,
    multiline: true,
    validate: (v) => textProblem(v, 'The note'),
  });
  if (text !== undefined) act({ kind: 'note', step: step?.id, note: text });
}

export async function finish(): Promise<void> {
  const run = page.model?.run;
  if (!writable() || !run) return;
  const open = run.total - run.done - run.skipped;
  const text = await prompt({
    title: 'Finish the run?',
    text: `${open ? `${open} step${open === 1 ? ' is' : 's are'} neither done nor skipped. ` : 'Every step is done or skipped. '}A finished run is read-only until it is reopened.`,
    label: 'Closing note (optional)',
    okLabel: 'Finish run',
    required: false,
    validate: (v) => textProblem(v, 'The note'),
  });
  if (text !== undefined) act({ kind: 'finish', note: text || undefined });
}

export async function reopen(): Promise<void> {
  if (!page.model?.canReopen) return;
  const reason = await prompt({
    title: 'Reopen the run?',
    text: 'The run becomes editable again; the reopening is recorded.',
    label: 'Reason (optional)',
    okLabel: 'Reopen',
    required: false,
    validate: (v) => textProblem(v, 'The reason'),
  });
  if (reason !== undefined) act({ kind: 'reopen', reason: reason || undefined });
}

/** Work on a step began: explicitly (the Start button), or implied by the first evidence typed. */
export function begin(step: ModelStep, implied = false): void {
  if (!writable() || !step.tickable || !step.id || step.status !== 'pending' || step.startedAt) return;
  if (implied) {
    if (began.has(step.key)) return;
    began.add(step.key);
  }
  act({ kind: 'begin', step: step.id }, { silent: implied });
}
const began = new Set<string>();

/** A second operator confirms a ticked step that needs two people. */
export async function signoff(step: ModelStep): Promise<void> {
  if (!writable() || !step.id || !step.awaiting) return;
  freshAttempt(step);
  const text = await prompt({
    title: 'Sign off this step?',
    text: `“${step.title}” was ticked by ${step.by ?? 'another operator'}. Sign it off only if you checked it yourself; your name and the time are recorded.`,
    label: 'Note (optional)',
    okLabel: 'Sign off',
    required: false,
    validate: (v) => textProblem(v, 'The note'),
  });
  if (text !== undefined) act({ kind: 'signoff', step: step.id, note: text || undefined });
}

/** Starts a run; a real run of a runbook with errors asks why first (the reason goes into the record). */
export async function startRun(rehearsal: boolean): Promise<void> {
  const errors = page.model?.runbook.errorCount ?? 0;
  if (rehearsal || !errors) {
    post({ type: 'start', rehearsal });
    return;
  }
  const reason = await prompt({
    title: 'Start a real run on a runbook with errors?',
    text: `The runbook has ${errors === 1 ? '1 error' : `${errors} errors`} (Problems panel). A rehearsal starts without asking. To start the real recovery anyway, give the reason: it is recorded in the run.`,
    label: 'Reason',
    okLabel: 'Start real run',
    required: true,
    validate: (v) => textProblem(v, 'The reason'),
  });
  if (reason !== undefined) post({ type: 'start', rehearsal: false, reason });
}
