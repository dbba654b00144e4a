/**
 * What an operator may write into a record: evidence that matches the runbook's `pattern`, and no
 * text that looks like a secret (a record ends up in git). Browser-safe: the webview imports this
 * for instant feedback, and the extension and the CLI check again before they write.
 */
import { secretReason } from '../model/secrets';

export interface EvidenceSpec {
  key: string;
  label?: string;
  pattern?: string;
  /** What to enter, in words: shown instead of the pattern. */
  hint?: string;
  /** A value of the right form. */
  example?: string;
  optional?: boolean;
}

/** What an empty evidence field shows: the hint, else an example, never the raw pattern. */
export function evidencePlaceholder(spec: EvidenceSpec): string {
  const example = spec.example ? `e.g. ${spec.example}` : undefined;
  const words = spec.hint ?? example ?? (spec.pattern ? 'a value of the form the runbook asks for' : undefined);
  if (!words) return spec.optional ? 'optional' : 'required';
  return spec.optional ? `${words} (optional)` : words;
}

/** Why a value does not match, in words. */
function mismatch(spec: EvidenceSpec, name: string): string {
  if (spec.hint && spec.example) return `${name} should be ${spec.hint}, for example ${spec.example}.`;
  if (spec.hint) return `${name} should be ${spec.hint}.`;
  if (spec.example) return `${name} does not have the expected form: for example ${spec.example}.`;
  return `${name} does not have the form the runbook asks for (it must match ${spec.pattern}).`;
}

export interface FieldProblem {
  key: string;
  message: string;
}

export const MAX_TEXT = 2000;
export const MAX_EVIDENCE = 500;

/** The evidence list of a step value as written in the runbook (bad entries are left out). */
export function evidenceSpecs(value: unknown): EvidenceSpec[] {
  if (!Array.isArray(value)) return [];
  const out: EvidenceSpec[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    if (typeof o.key !== 'string' || !o.key) continue;
    out.push({
      key: o.key,
      label: typeof o.label === 'string' ? o.label : undefined,
      pattern: typeof o.pattern === 'string' ? o.pattern : undefined,
      optional: o.optional === true ? true : undefined,
      // Only when written, so specs without them keep their shape.
      ...(typeof o.hint === 'string' && o.hint.trim() ? { hint: o.hint.trim() } : {}),
      ...(typeof o.example === 'string' && o.example.trim() ? { example: o.example.trim() } : {}),
    });
  }
  return out;
}

function compile(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    /* try without the unicode flag */
  }
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

/** A free text (note, reason) that may not go into a record, with why; undefined when it may. */
export function textProblem(text: string, what = 'The text'): string | undefined {
  if (text.length > MAX_TEXT) return `${what} is longer than ${MAX_TEXT} characters.`;
  const secret = secretReason(text);
  if (secret)
    return `${what} looks like a secret (${secret}). Run records end up in git: write where the secret is kept, never the secret.`;
  return undefined;
}

/** Problems with evidence values for a step; empty when the step may be ticked with them. */
export function evidenceProblems(
  specs: readonly EvidenceSpec[],
  values: Readonly<Record<string, string>>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(specs.map((s) => s.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ key, message: `The step asks for no evidence called '${key}'.` });
  }
  for (const spec of specs) {
    const name = spec.label || spec.key;
    const raw = values[spec.key];
    const value = raw === undefined ? '' : raw.trim();
    if (!value) {
      if (!spec.optional) problems.push({ key: spec.key, message: `${name} is required.` });
      continue;
    }
    if (/[\r\n]/.test(value)) {
      problems.push({ key: spec.key, message: `${name} must be one line.` });
      continue;
    }
    if (value.length > MAX_EVIDENCE) {
      problems.push({ key: spec.key, message: `${name} is longer than ${MAX_EVIDENCE} characters.` });
      continue;
    }
    const secret = secretReason(value, spec.key);
    if (secret) {
      problems.push({
        key: spec.key,
        message: `Refused: ${name} looks like a secret (${secret}). Run records end up in git: write where the secret is kept, never the secret.`,
      });
      continue;
    }
    if (spec.pattern) {
      const re = compile(spec.pattern);
      if (re && !re.test(value)) problems.push({ key: spec.key, message: mismatch(spec, name) });
    }
  }
  return problems;
}

/** Evidence values trimmed, empty ones left out. */
export function cleanEvidence(values: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v.trim()) out[k] = v.trim();
  return Object.keys(out).length ? out : undefined;
}
