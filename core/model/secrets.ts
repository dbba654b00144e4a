/**
 * Recognises values that look like secrets. Shared by the `no-secrets` rule and by the checklist,
 * which refuses such evidence: a runbook or a run record ends up in git, where a secret never dies.
 */

const SECRET_KEY =
  /(pass(word|wd|phrase)?|pwd|secret|token|api[-_]?key|private[-_]?key|credential|connection[-_]?string)$/i;
/** Keys named like a secret that only hold a flag or a reference, never the secret itself. */
const HARMLESS_KEY = /^(passwordParameter)$/;

const SECRET_VALUE: { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, what: 'an AWS access key' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, what: 'a signed token' },
  { pattern: /\b(password|passwd|pwd)\s*[=:]\s*\S+/i, what: 'a password' },
  { pattern: /\/p(assword)?[:=]\S+/i, what: 'a password switch' },
];

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Why a value looks like a secret, or undefined. `key` is the name it is stored under, if any. */
export function secretReason(value: string, key?: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  if (key && SECRET_KEY.test(key) && !HARMLESS_KEY.test(key)) return `a value stored under \`${key}\``;
  for (const { pattern, what } of SECRET_VALUE) if (pattern.test(trimmed)) return what;
  // A long unbroken run of mixed characters is more likely a key than a word.
  for (const word of trimmed.split(/\s+/)) {
    if (
      word.length >= 32 &&
      /^[A-Za-z0-9+/=_-]+$/.test(word) &&
      /\d/.test(word) &&
      /[A-Za-z]/.test(word) &&
      entropy(word) > 4
    ) {
      return 'a long random-looking string';
    }
  }
  return undefined;
}
