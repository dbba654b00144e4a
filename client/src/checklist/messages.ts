/**
 * Every message between the extension host and the checklist page, typed once and imported by
 * both ends (client/src/checklist/webviewHost.ts and client/webview/main.ts). Plain JSON only.
 * The record model's own types are re-used (type imports only: nothing of them enters the page).
 */
import type { RunRequest, Refusal } from '../../../core/records/commands';
import type { StepNote, StepStatus } from '../../../core/records/fold';
import type { EvidenceSpec } from '../../../core/records/validate';
import type { OpenRunEntry } from './switcher';

export type { OpenRunEntry } from './switcher';

export interface ModelStep {
  /** Unique in the model: the step id, or `#n` for a step without one. */
  key: string;
  /** Undefined: the step has no id and cannot be ticked. */
  id?: string;
  index: number;
  title: string;
  /** The title is the action's summary (the step has no `title:`). */
  defaultTitle: boolean;
  action?: string;
  notes?: string;
  after: string[];
  parallel?: string;
  evidence: EvidenceSpec[];
  status: StepStatus;
  /** When and by whom the status was last set. */
  at?: string;
  by?: string;
  override?: string;
  reason?: string;
  evidenceValues?: Record<string, string>;
  runNotes: StepNote[];
  /**
   * Predecessors (order and `after:`) that are neither done nor skipped, which the gate asks an
   * override for: the first ten ids, then, when there are more, one entry that counts them.
   */
  blockedBy: string[];
  /** The nearest of those (core/records/blockers.ts): what "Waits for" names. */
  waitsFor: string[];
  /** When work on it began (begin event), while it is not done or since it was done. */
  startedAt?: string;
  /** Expected seconds (`expect:`). */
  expect?: number;
  /** Needs a second, different operator's sign-off (`signoff: 2`). */
  signoff?: boolean;
  signedOff?: { at: string; by: string };
  /** Ticked, waiting for the second operator. */
  awaiting: boolean;
  /** Earlier states undone (unticks and unskips), oldest first. */
  history: StepNote[];
  /** How the step differs from the runbook at the start of the run. */
  change?: 'changed' | 'added' | 'moved';
  /** False for a step without an id or with an id used twice. */
  tickable: boolean;
}

export interface RunSummary {
  /** Key the page sends back to select this run (the record's path). */
  id: string;
  label: string;
  finished: boolean;
  rehearsal: boolean;
}

export interface RunInfo {
  id: string;
  /** The record, workspace-relative. */
  record: string;
  startedAt: string;
  startedBy: string;
  rehearsal: boolean;
  finished: boolean;
  finishedAt?: string;
  finishedBy?: string;
  operators: string[];
  /** Done (and signed off when needed), skipped, ticked awaiting sign-off, and neither (includes awaiting). */
  done: number;
  skipped: number;
  awaiting: number;
  remaining: number;
  total: number;
  notes: StepNote[];
  /** Recovery time objective in seconds (`rto:`). */
  rto?: number;
  /** Seconds the steps left are expected to take, and how many have no `expect:`. */
  remainingSeconds: number;
  unestimated: number;
  /** When the run is expected to end, from the expected durations left (absent once finished). */
  projectedFinish?: string;
  /** A real run started on a runbook with errors: how many, and why. */
  startedWithErrors?: { errors: number; reason?: string };
}

export interface Banner {
  kind: 'error' | 'warning' | 'info';
  text: string;
}

export interface ChecklistModel {
  runbook: { uri: string; path: string; title: string; errorCount: number };
  steps: ModelStep[];
  /** Steps the record has state for that the runbook no longer has. */
  removed: { id: string; status: StepStatus; at?: string; by?: string }[];
  run?: RunInfo;
  runs: RunSummary[];
  /** Why nothing can be changed (untrusted workspace, finished run, unreadable record); absent when writable. */
  readOnly?: string;
  /** The run can be reopened (it is finished and the workspace is trusted). */
  canReopen: boolean;
  /** A new run can be started (trusted workspace). */
  canStart: boolean;
  banners: Banner[];
}

/** What the operator asks for: a request of the record model, which the host decides (ordering gate, evidence, secrets) and answers. */
export type ChecklistAction = RunRequest;

/** Page → host. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'act'; request: number; action: ChecklistAction }
  | { type: 'start'; rehearsal: boolean; reason?: string }
  | { type: 'selectRun'; run: string }
  /** The run switcher: show this open run (of this or another runbook). */
  | { type: 'switchRun'; runbook: string; run: string }
  | { type: 'reveal'; step: string }
  | { type: 'openRecord' };

/** Host → page. */
export type HostMessage =
  /** `openRuns`: every open run of the workspace, for the run switcher in the header. */
  | { type: 'model'; model: ChecklistModel | null; empty?: string; openRuns?: OpenRunEntry[] }
  | ({ type: 'refused'; request: number } & Refusal)
  | { type: 'accepted'; request: number }
  | { type: 'focus'; step: string };

/** What the page keeps with `setState` (and the panel serializer reads to revive). */
export interface PageState {
  runbookUri?: string;
  selected?: string;
  drafts?: Record<string, Record<string, string>>;
  model?: ChecklistModel | null;
}
