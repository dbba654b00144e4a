/** Digests that tie a run to the runbook text it started from. Pure: no Node crypto, no fs. */
import { sha256Hex } from './sha256';

export function sha256(text: string): string {
  return sha256Hex(text);
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
 */
export function stepDigest(value: unknown): string {
  return sha256(canonicalJson(value)).slice(0, 16);
}
