/**
 * Digests that tie a run to the runbook text it started from. Pure: no Node crypto, no fs. A host
 * with a native SHA-256 installs it with `useSha256` (node/hash.ts: the CLI, the Node language
 * server); the browser, the web worker and the webview keep the plain TypeScript one. Both give the
 * same hex (test/unit/records/sha256.test.ts), so records written by either agree.
 */
import { sha256Hex } from './sha256';

export type Sha256Hex = (text: string) => string;

let impl: Sha256Hex = sha256Hex;

/** Installs a faster SHA-256 of the UTF-8 bytes of a text, as lower-case hex (Node's crypto). */
export function useSha256(hash: Sha256Hex): void {
  impl = hash;
}

export function sha256(text: string): string {
  return impl(text);
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Digest of one step's meaning (its parsed value, keys sorted): comments, quoting and indentation
 * do not change it; any change of a key or value does. 16 hex digits keep the start line short.
 * Records keep these digests, so the scheme must not change without a new record format.
 */
export function stepDigest(value: unknown): string {
  return sha256(canonicalJson(value)).slice(0, 16);
}
