/** `no-secrets`: passwords, keys and tokens never appear in a runbook. */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { secretReason } from '../../model/secrets';
import type { Span } from '../../model/text/lineIndex';
import { defineRule } from './define';

interface Hit {
  span: Span;
  reason: string;
}

/** Relative hits per parsed node: an unchanged step is not scanned again. */
const cache = new WeakMap<Node, Hit[]>();

function scan(node: Node | null | undefined, key: string | undefined, out: Hit[]): void {
  if (!node) return;
  if (isScalar(node)) {
    if (typeof node.value === 'string' && node.range) {
      const reason = secretReason(node.value, key);
      if (reason) out.push({ span: { start: node.range[0], end: node.range[1] }, reason });
    }
  } else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
      scan(pair.value as Node, k, out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) scan(item as Node, key, out);
  }
}

function hitsOf(node: Node | null): Hit[] {
  if (!node) return [];
  let hits = cache.get(node);
  if (!hits) {
    hits = [];
    scan(node, undefined, hits);
    cache.set(node, hits);
  }
  return hits;
}

export const noSecrets = defineRule(
  'no-secrets',
  'error',
  'No password, key or token in the runbook.',
  (ctx, report) => {
    const emit = (hits: Hit[], base: number) => {
      for (const h of hits) {
        report({
          span: { start: h.span.start + base, end: h.span.end + base },
          message: `This looks like ${h.reason}. Runbooks are shared and kept in git: type secrets at the console when the step asks, never write them here.`,
        });
      }
    };
    for (const part of ctx.parsed.headerParts) emit(hitsOf(part.node), part.base);
    for (const step of ctx.steps) emit(hitsOf(step.node), step.base);
  },
);
