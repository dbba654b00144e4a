/**
 * Recognises values that look like secrets. Shared by the `no-secrets` rule and by the checklist,
 * which refuses such evidence: a runbook or a run record ends up in git, where a secret never dies.
 *
 * Two kinds of evidence: the shape of well-known credentials (keys, tokens, connection strings,
 * hashes), and a password-like word in the place a password goes (after `password:`, `pw =`,
 * "the password is", `/user:DOMAIN\name`, `-p`, the user part of a URL). What stands in that
 * place may also be where the secret is kept — `Password: in KeePass, entry "KMS startup"` is
 * the advice the refusal itself gives — so a reference, a placeholder or a prompt is let through.
 * Every pattern is linear (no nested quantifiers), so checking on each keystroke stays cheap.
 */

const SECRET_KEY =
  /(pass(word|wd|phrase)?|pwd|pw|secret|token|api[-_]?key|private[-_]?key|credential|connection[-_]?string)$/i;
/** Keys named like a secret that only hold a flag or a reference, never the secret itself. */
const HARMLESS_KEY = /^(passwordParameter)$/;

/** Words that start a reference to where a secret is kept, a placeholder, or a state: not the secret. */
const REFERENCE =
  /^(?:[<[({]|\*+|x{3,}|\.{3}|n\/?a\b|none\b|not\b|no\b|see\b|in\b|from\b|stored\b|kept\b|held\b|ask\b|asked\b|the\b|a\b|an\b|your\b|our\b|its\b|their\b|this\b|that\b|same\b|prompt|entered\b|enter\b|type\b|typed\b|on\b|at\b|via\b|with\b|by\b|for\b|of\b|to\b|is\b|was\b|required\b|needed\b|expired\b|reset\b|changed\b|unchanged\b|set\b|policy\b|keepass|vault|cyberark|lastpass|1password|sealed\b|envelope\b|\$\{|\$env:|\$\(|%[a-z_]+%|\{\{|true\b|false\b|yes\b|no\b|blank\b|empty\b)/i;

/** A word that could be a password: no reference, not a path or a switch, some digit or symbol. */
function passwordLike(word: string): boolean {
  const w = word.replace(/^["'`]|["'`.,;)]+$/g, '');
  if (w.length < 4 || w.length > 128) return false;
  if (REFERENCE.test(w) || /^[/\\~.%-]/.test(w)) return false;
  return /[A-Za-z]/.test(w) && /[\d\W_]/.test(w);
}

const PASSWORD_WORD = String.raw`(?:password|passwort|passwd|passphrase|pwd|pw|pin|secret)`;
/** `password: X`, `pw = X`, `Pwd=X;` — the word, a separator, the value. */
const ASSIGNED = new RegExp(String.raw`(?:^|[^A-Za-z])${PASSWORD_WORD}\s*[=:]\s*(\S[^\s;,]*)`, 'gi');
/** "the KMS startup password is Kms-Lyon#2002", "password for sa: X" — prose. */
const PROSE = new RegExp(
  String.raw`\b(?:password|passwd|passphrase|pin)\b(?:\s+(?:for|of)\s+\S+)?\s+(?:is|was|=|reads|will be|set to|changed to)\s+(\S+)`,
  'gi',
);
/** `net use … /user:DOMAIN\svc Pa55w0rd!` */
const NET_USE = /\/u(?:ser)?:\S+\s+(\S+)/gi;
/** `psexec … -p Welcome1`, `sqlcmd … -P Sql2000!` */
const SWITCH = /(?:^|\s)-(?:p|pw|pwd|password)\s+(\S+)/gi;
/** `scheme://user:secret@host` */
const URL_USER = /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/gi;

const SECRET_VALUE: { pattern: RegExp; what: string }[] = [
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, what: 'an AWS access key' },
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}\b/, what: 'a GitHub token' },
  { pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, what: 'a Slack token' },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, what: 'a signed token' },
  {
    pattern: /\b(?:AccountKey|SharedAccessKey|SharedSecret|ClientSecret)\s*=\s*[A-Za-z0-9+/=%]{16,}/i,
    what: 'a storage or service key',
  },
  { pattern: /\$(?:1|2[aby]?|5|6|y)\$[^\s$]{1,22}\$[./A-Za-z0-9]{8,}/, what: 'a password hash' },
  { pattern: /\b(?:enable|username\s+\S+)\s+(?:secret|password)\s+\d\s+\S{6,}/i, what: 'a device password' },
  { pattern: /\/p(?:assword)?[:=](?!\*)\S+/i, what: 'a password switch' },
];

/** A value in the place a password goes, checked for what stands there. */
const IN_PLACE: { pattern: RegExp; what: string; accept: (value: string) => boolean }[] = [
  {
    pattern: ASSIGNED,
    what: 'a password',
    accept: (v) => !REFERENCE.test(v) && v.replace(/^["']|["']$/g, '').length >= 3,
  },
  { pattern: PROSE, what: 'a password in a sentence', accept: passwordLike },
  { pattern: NET_USE, what: 'a password after /user:', accept: (v) => v !== '*' && passwordLike(v) },
  { pattern: SWITCH, what: 'a password switch', accept: (v) => v !== '*' && passwordLike(v) },
  { pattern: URL_USER, what: 'a password in a URL', accept: (v) => v !== '*' && !REFERENCE.test(v) },
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

/** Ids people and generators write (`restore-tuesday-incremental-1023`), GUIDs and hex digests. */
function readableId(word: string): boolean {
  return /^[a-z0-9]+(?:[-_.][a-z0-9]+)+$/.test(word) && word.split(/[-_.]/).every((p) => /^(?:[a-z]+|\d+)$/.test(p));
}

/** A path whose every part is a word or a readable id (`/var/backups/exchange-2026-11-25`). */
function readablePath(word: string): boolean {
  return word.includes('/') && word.split('/').every((p) => p === '' || /^[A-Za-z]+$/.test(p) || readableId(p));
}

function looksRandom(word: string): boolean {
  return (
    !readablePath(word) &&
    word.length >= 32 &&
    /^[A-Za-z0-9+/=_-]+$/.test(word) &&
    /\d/.test(word) &&
    /[A-Za-z]/.test(word) &&
    !readableId(word) &&
    !/^[0-9a-f-]+$/i.test(word) && // hex digests and GUIDs are checksums and ids, not keys
    entropy(word) > 4
  );
}

function inPlace(text: string): string | undefined {
  for (const { pattern, what, accept } of IN_PLACE) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) if (accept(m[1])) return what;
  }
  return undefined;
}

/**
 * What every pattern above needs somewhere in the value (a password word, a key prefix, `$`,
 * `/p`, `/u`, `-p`, `://`, or a 32-character word for looksRandom): a value without any of them
 * is no secret, and most runbook values (ids, names, paths, sentences) are dismissed by this one
 * test instead of fifteen. The first check of a runbook scans every value.
 */
const MAY_HOLD_SECRET = /pass|pw|pin|secret|key|AKIA|gh[pousr]_|xox|eyJ|BEGIN|\$|\/p|\/u|-p|:\/\/|\S{32}/i;

/** Why a value looks like a secret, or undefined. `key` is the name it is stored under, if any. */
export function secretReason(value: string, key?: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  if (key && SECRET_KEY.test(key) && !HARMLESS_KEY.test(key) && !REFERENCE.test(trimmed))
    return `a value stored under \`${key}\``;
  if (!MAY_HOLD_SECRET.test(trimmed)) return undefined;
  for (const { pattern, what } of SECRET_VALUE) if (pattern.test(trimmed)) return what;
  const placed = inPlace(trimmed);
  if (placed) return placed;
  // A long unbroken run of mixed characters is more likely a key than a word.
  for (const word of trimmed.split(/\s+/)) if (looksRandom(word)) return 'a long random-looking string';
  return undefined;
}
