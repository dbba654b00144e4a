/**
 * What the operator can do: each function checks early (so problems show at once), asks for a
 * reason where one is recorded, and sends one request; the host decides and writes.
 */
import { evidenceProblems, textProblem } from '../../core/records/validate';
import type { ModelStep } from '../src/checklist/messages';
import { prompt } from './prompt';
import { act, page, render, stepById, writable } from './state';

function evidenceValues(step: ModelStep): Record<string, string> {
  const draft = page.drafts[step.key] ?? {};
  const values: Record<string, string> = {};
  for (const e of step.evidence) if (draft[e.key]?.trim()) values[e.key] = draft[e.key];
  return values;
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
  return prompt({
    title: 'Tick out of order?',
    text: `“${step.title}” comes after ${blockers.length === 1 ? 'a step that is' : 'steps that are'} not done: ${blockers.map(titleOf).join(', ')}. To tick it anyway, give the reason; it is recorded with the tick.`,
    label: 'Override reason',
    okLabel: 'Tick anyway',
    required: true,
    validate: (v) => textProblem(v, 'The reason'),
  });
}

export async function skip(step: ModelStep): Promise<void> {
  if (!writable() || !step.tickable || !step.id || step.status !== 'pending') return;
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
