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
    // A number under a password key (`password: 20022002`) is a secret too.
    const value = typeof node.value === 'number' && node.source !== undefined ? String(node.source) : node.value;
    if (typeof value === 'string' && node.range) {
      const reason = secretReason(value, key);
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

// ---- comments: the YAML tree keeps their text but not where they are, so the text is scanned ----

/** Hits in `# …` comments (a `#` at a line start or after a space). Only lines with a `#` are looked at. */
function commentHits(text: string): Hit[] {
  const out: Hit[] = [];
  for (let hash = text.indexOf('#'); hash !== -1; hash = text.indexOf('#', hash + 1)) {
    if (hash > 0 && !/\s/.test(text[hash - 1])) continue;
    let end = hash;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const reason = secretReason(text.slice(hash + 1, end));
    if (reason) out.push({ span: { start: hash, end }, reason });
    hash = end;
  }
  return out;
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
    emit(commentHits(ctx.parsed.text), 0);
  },
);
