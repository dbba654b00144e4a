/**
 * Where a moved or inserted step goes. Rather than encoding every rule's idea of "the right
 * place", a fix tries each position, lints the result with the same rules, and keeps the one
 * with the fewest problems (the diagnostic being fixed must be gone), nearest to a hint.
 * Trying is linear per position, so it is bounded to runbooks of moderate size.
 */
import type { Finding } from '../../model/findings';
import type { ParsedRunbook } from '../../model/parse/parseRunbook';
import { applyEdits, stepLines, type TextEdit } from './edits';

export const MAX_TRIAL_STEPS = 250;

export type Linter = (text: string) => Finding[];

interface Score {
  errors: number;
  warnings: number;
  others: number;
  target: number;
  errorKeys: Set<string>;
}

const keyOf = (f: Finding) => `${f.code}|${f.message}`;

function score(findings: Finding[], code: string): Score {
  let errors = 0;
  let warnings = 0;
  let others = 0;
  let target = 0;
  const errorKeys = new Set<string>();
  for (const f of findings) {
    if (f.code === code) target++;
    if (f.severity === 'error') {
      errors++;
      errorKeys.add(keyOf(f));
    } else if (f.severity === 'warning') warnings++;
    else others++;
  }
  return { errors, warnings, others, target, errorKeys };
}

/** True when `s` has an error that `baseline` did not have: a fix must never add one. */
function addsError(s: Score, baseline: Score, code: string): boolean {
  for (const k of s.errorKeys) if (!baseline.errorKeys.has(k) && !k.startsWith(`${code}|`)) return true;
  return false;
}

const better = (a: Score, b: Score) =>
  a.errors !== b.errors
    ? a.errors < b.errors
    : a.warnings !== b.warnings
      ? a.warnings < b.warnings
      : a.others < b.others;

/** Offset where a step placed at list position `i` starts (before the i-th step, or after the last). */
function slot(parsed: ParsedRunbook, i: number): number {
  if (i < parsed.steps.length) return stepLines(parsed, parsed.steps[i]).start;
  return stepLines(parsed, parsed.steps[parsed.steps.length - 1]).end;
}

/**
 * Best edits that put `stepText` into the list (removing the step at `moving`, if given), or
 * undefined when no position removes the `code` problem without adding errors. `current` are
 * the findings of the text as it is (the document's own check, not done again here).
 */
export function bestPlacement(
  parsed: ParsedRunbook,
  stepText: string,
  code: string,
  lint: Linter,
  hint: number,
  current: Finding[],
  moving?: number,
): TextEdit[] | undefined {
  if (!parsed.steps.length) return undefined;
  const baseline = score(current, code);
  const removal: TextEdit[] =
    moving === undefined ? [] : [{ span: stepLines(parsed, parsed.steps[moving]), newText: '' }];
  const text = stepText.endsWith('\n') ? stepText : `${stepText}\n`;
  const positions = [...Array(parsed.steps.length + 1).keys()].filter(
    (i) => moving === undefined || (i !== moving && i !== moving + 1),
  );
  const candidates =
    parsed.steps.length > MAX_TRIAL_STEPS ? [hint] : positions.sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
  let best: { edits: TextEdit[]; s: Score } | undefined;
  for (const i of candidates) {
    const at = slot(parsed, i);
    const needsBreak = i === parsed.steps.length && !parsed.text.slice(0, at).endsWith('\n') ? '\n' : '';
    const edits = [...removal, { span: { start: at, end: at }, newText: needsBreak + text }];
    const s = score(lint(applyEdits(parsed.text, edits)), code);
    if (s.target >= baseline.target || addsError(s, baseline, code)) continue;
    if (!best || better(s, best.s)) best = { edits, s };
  }
  return best?.edits;
}
