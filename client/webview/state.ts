/**
 * The page's state: the model the host sent, the selection, unsent evidence (kept with
 * getState/setState), problems shown under steps, and the one way to ask the host for a change.
 */
import type {
  ChecklistAction,
  ChecklistModel,
  ModelStep,
  OpenRunEntry,
  PageMessage,
  PageState,
} from '../src/checklist/messages';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved: PageState = vscode.getState() ?? {};

export interface StepProblems {
  general?: string;
  fields: Record<string, string>;
}

export const page = {
  model: (saved.model ?? null) as ChecklistModel | null,
  emptyText: 'Open a runbook (*.runbook.yaml) to see its checklist.',
  selected: saved.selected as string | undefined,
  drafts: (saved.drafts ?? {}) as Record<string, Record<string, string>>,
  /** Problems per step key, shown under the step until the next change. */
  stepErrors: new Map<string, StepProblems>(),
  /** Every open run of the workspace (the run switcher), as the host last sent them. */
  openRuns: [] as OpenRunEntry[],
  /** The rendered rows by step key. */
  stepEls: new Map<string, HTMLLIElement>(),
};

let nextRequest = 1;
/** Requests sent and not yet answered, to show the host's verdict under the right step. */
export const requests = new Map<number, { step?: string; action: ChecklistAction; silent?: boolean }>();

export function save(): void {
  vscode.setState({
    runbookUri: page.model?.runbook.uri,
    selected: page.selected,
    drafts: page.drafts,
    model: page.model,
  });
}

export function post(message: PageMessage): void {
  vscode.postMessage(message);
}

/** Sends a request; a `silent` one (an implicit begin) shows no refusal: nothing the operator asked for failed. */
export function act(action: ChecklistAction, opts: { silent?: boolean } = {}): void {
  const request = nextRequest++;
  requests.set(request, { step: 'step' in action ? action.step : undefined, action, silent: opts.silent });
  if ('step' in action && action.step && !opts.silent)
    page.stepErrors.delete(stepById(action.step)?.key ?? action.step);
  post({ type: 'act', request, action });
}

export const writable = (): boolean => !!page.model?.run && !page.model.readOnly;

export function stepByKey(key: string | undefined): ModelStep | undefined {
  return key ? page.model?.steps.find((s) => s.key === key) : undefined;
}

export function stepById(id: string | undefined): ModelStep | undefined {
  return id ? page.model?.steps.find((s) => s.id === id) : undefined;
}

/** Rendering is set by main.ts; actions call it without importing the renderer (no cycle). */
let renderer: () => void = () => undefined;
export function setRenderer(fn: () => void): void {
  renderer = fn;
}
export function render(): void {
  renderer();
}
