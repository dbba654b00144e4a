/**
 * The quick-fix data a finding carries: one kind per mechanical repair. Rules produce it, the
 * code actions (service/features/codeActions.ts) apply it, and both import this type, so a new
 * kind or field cannot be produced without the consumer knowing it. Step positions are indexes
 * into `parsed.steps` of the text the finding was made on. Plain JSON: it travels through the
 * editor as a diagnostic's `data` and comes back with the code-action request.
 */

/** A step to create: the first action of a matcher and the parameters it pins. */
export interface NewStepSpec {
  action: string | string[];
  with?: Record<string, unknown>;
}

export type FixData =
  /** Move step `move` so it comes before step `target` (or `target` after `move`). */
  | { fix: 'move-before'; move: number; target: number }
  /** Move step `move` so it comes after step `target` (the end of the list when absent). */
  | { fix: 'move-after'; move: number; target?: number }
  /** A new step before step `target`, its parameters copied from step `fromStep` (default `target`). */
  | { fix: 'insert-before'; target: number; insert: NewStepSpec; fromStep?: number; keys?: string[] }
  /** A new step after step `target`. */
  | { fix: 'insert-after'; target: number; insert: NewStepSpec; keys?: string[] }
  /** A new step where the runbook lacks one entirely. */
  | { fix: 'insert-required'; insert: NewStepSpec }
  /** `prereq.confirm` steps for these items, at the top. */
  | { fix: 'insert-prereqs'; items: string[]; target: number }
  | { fix: 'set-param'; step: number; param: string; value: unknown }
  | { fix: 'remove-param'; step: number; param: string }
  | { fix: 'add-list-item'; step: number; param: string; value: string }
  /** Offer each option for the value at `path` inside step `step`, best first. */
  | { fix: 'replace-value'; step: number; path: (string | number)[]; options: string[] }
  | { fix: 'rename-duplicate'; step: number }
  /** Remove rule `rule` from the suppression directive on `line` (the whole line when `count` is 1). */
  | { fix: 'remove-directive'; line: number; rule: string; count: number }
  /** Replace the finding's own text (a misspelt key or enum value). */
  | { fix: 'replace-text'; replacement: string };

export type FixKind = FixData['fix'];

const KINDS: ReadonlySet<string> = new Set<FixKind>([
  'move-before',
  'move-after',
  'insert-before',
  'insert-after',
  'insert-required',
  'insert-prereqs',
  'set-param',
  'remove-param',
  'add-list-item',
  'replace-value',
  'rename-duplicate',
  'remove-directive',
  'replace-text',
]);

/**
 * Data that came back from the editor is ours only if it names a known kind. Fields are not
 * re-validated one by one: the editor returns what the server sent, unchanged.
 */
export function asFixData(data: unknown): FixData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const fix = (data as { fix?: unknown }).fix;
  return typeof fix === 'string' && KINDS.has(fix) ? (data as FixData) : undefined;
}
