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
  optional?: boolean;
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
      if (re && !re.test(value))
        problems.push({ key: spec.key, message: `${name} does not match the pattern ${spec.pattern}.` });
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
