/**
 * Node's native SHA-256 for the record model (core/records/digest.ts): hashing a 10,000-step
 * runbook and each of its steps with the plain TypeScript SHA-256 took most of a plan's time.
 * Installed by the Node entry points (the CLI, the language server under Node); gives the same
 * hex as the pure one.
 */
import { createHash } from 'node:crypto';
import { useSha256 } from '../core/records/digest';

export function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function installNodeSha256(): void {
  useSha256(nodeSha256);
}
