/**
 * The built-in rules of the article section Rules about the runbook itself (actions exist, ids are unique, `after:` makes sense, inventory
 * names exist, no secrets) and the inventory limits of "Exchange Database Technology".
 * Declarative rules are data (several entries may share an id: together they are that rule);
 * the rules that need logic are code. Facts come from shared/reference; the wording is ours.
 */
import { ACTIONS, ACTION_BY_ID } from '../../model/catalogue/actions';
import type { Step } from '../../model/parse/parseRunbook';
import { didYouMean, suggest } from '../../model/text/suggest';
import { defineRule, EVERY_STEP, actionsTaking } from '../define';
import { locateHeader } from '../../model/parse/parseRunbook';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { secretReason } from '../../model/secrets';
import type { Span } from '../../model/text/lineIndex';
import type { RuleSection } from './section';

const ACTION_IDS = ACTIONS.map((a) => a.id);

export const unknownAction = defineRule(
  'unknown-action',
  'error',
  'Every action id is in the catalogue.',
  EVERY_STEP,
  (ctx, report) => {
    for (const step of ctx.steps) {
      const action = step.action;
      if (action === undefined || ACTION_BY_ID.has(action)) continue;
      const options = suggest(action, ACTION_IDS);
      report({
        span: step.locate(['action']).valueSpan ?? step.anchor,
        message: `Unknown action \`${action}\`.${didYouMean(options) || ' See the action catalogue in docs/format.md.'}`,
        data: { fix: 'replace-value', path: ['action'], step: step.index, options },
      });
    }
  },
);

export const duplicateStepId = defineRule(
  'duplicate-step-id',
  'error',
  'Step ids are unique.',
  EVERY_STEP,
  (ctx, report) => {
    for (const step of ctx.steps) {
      const id = step.id;
      const first = id === undefined ? undefined : ctx.stepById.get(id);
      if (!first || first === step) continue;
      report({
        span: step.anchor,
        message: `Step id '${id}' is already used by step ${first.index + 1}; \`after:\` and run records could not tell them apart.`,
        related: [{ span: first.anchor, message: `First use of '${id}'` }],
        data: { fix: 'rename-duplicate', step: step.index },
      });
    }
  },
);

const NO_ENTRIES: { ref: string; i: number }[] = [];

/**
 * The `after:` entries that are step ids, with their position in the written list (a number or a
 * mapping in the list is a schema error; skipping it must not shift where later entries point).
 */
function afterEntries(step: Step): { ref: string; i: number }[] {
  if (step.after.length === 0) return NO_ENTRIES;
  const raw = step.value.after as unknown[];
  const out: { ref: string; i: number }[] = [];
  raw.forEach((ref, i) => {
    if (typeof ref === 'string') out.push({ ref, i });
  });
  return out;
}

export const unknownStepReference = defineRule(
  'unknown-step-reference',
  'error',
  'Every `after:` entry names a step.',
  EVERY_STEP,
  (ctx, report) => {
    for (const step of ctx.steps) {
      for (const { ref, i } of afterEntries(step)) {
        if (ctx.stepById.has(ref)) continue;
        const options = suggest(ref, ctx.stepById.keys());
        report({
          span: step.locate(['after', i]).valueSpan ?? step.anchor,
          message: `No step has the id '${ref}'.${didYouMean(options)}`,
          data: { fix: 'replace-value', path: ['after', i], step: step.index, options },
        });
      }
    }
  },
);

export const afterPointsForward = defineRule(
  'after-points-forward',
  'error',
  'An `after:` entry names an earlier step.',
  EVERY_STEP,
  (ctx, report) => {
    for (const step of ctx.steps) {
      for (const { ref, i } of afterEntries(step)) {
        const target = ctx.stepById.get(ref);
        if (!target || target.index <= step.index || target === step) continue;
        report({
          span: step.locate(['after', i]).valueSpan ?? step.anchor,
          message: `${step.label} must wait for '${ref}', which is written later (step ${target.index + 1}); steps run top to bottom, so move one of them.`,
          related: [{ span: target.anchor, message: `'${ref}' is here` }],
          data: { fix: 'move-before', move: target.index, target: step.index },
        });
      }
    }
  },
);

export const dependencyCycle = defineRule(
  'dependency-cycle',
  'error',
  '`after:` links form no cycle.',
  EVERY_STEP,
  (ctx, report) => {
    // Iterative depth-first search over the steps that have `after:` entries (most have none);
    // a recursive one overflows the stack on long chains. State per step index: 1 open, 2 done.
    const state = new Uint8Array(ctx.steps.length);
    const reported = new Set<Step>();
    for (const root of ctx.steps) {
      if (state[root.index] || root.after.length === 0) continue;
      const stack: { step: Step; next: number }[] = [{ step: root, next: 0 }];
      state[root.index] = 1;
      while (stack.length) {
        const top = stack[stack.length - 1];
        const refs = top.step.after;
        if (top.next >= refs.length) {
          state[top.step.index] = 2;
          stack.pop();
          continue;
        }
        const target = ctx.stepById.get(refs[top.next++]);
        if (!target) continue;
        const s = state[target.index];
        if (s === 1) {
          const from = stack.findIndex((f) => f.step === target);
          const cycle = stack.slice(from).map((f) => f.step);
          if (cycle.some((c) => reported.has(c))) continue;
          cycle.forEach((c) => reported.add(c));
          const names = [...cycle, target].map((c) => `'${c.id}'`).join(' → ');
          report({
            span: cycle[0].anchor,
            message: `These steps wait for each other, so none can start: ${names}.`,
            related: cycle.slice(1).map((c) => ({ span: c.anchor, message: `${c.label} is part of the cycle` })),
          });
        } else if (s === 0) {
          state[target.index] = 1;
          stack.push({ step: target, next: 0 });
        }
      }
    }
  },
);

export const unknownStorageGroup = defineRule(
  'unknown-storage-group',
  'error',
  'Storage group names exist in the inventory.',
  actionsTaking('storage-group'),
  (ctx, report) => {
    if (!locateHeader(ctx.parsed, ['server', 'storageGroups'])) return; // no inventory to compare with
    const names = ctx.server.storageGroups.map((g) => g.name);
    for (const step of ctx.steps) {
      const sg = step.with.storageGroup;
      if (typeof sg !== 'string' || ctx.storageGroup(sg)) continue;
      const options = suggest(sg, names);
      report({
        span: step.paramSpan('storageGroup'),
        message: `The inventory has no storage group '${sg}'.${didYouMean(options) || ` Known: ${names.join(', ') || 'none'}.`}`,
        data: { fix: 'replace-value', path: ['with', 'storageGroup'], step: step.index, options },
      });
    }
  },
);

export const unknownDatabase = defineRule(
  'unknown-database',
  'error',
  'Database names exist in the inventory.',
  actionsTaking('database'),
  (ctx, report) => {
    if (!locateHeader(ctx.parsed, ['server', 'storageGroups'])) return;
    // Name sets built once per check, not per step: this rule sees every step on every keystroke.
    const all = ctx.server.storageGroups.flatMap((g) => g.databases);
    const allLower = new Set(all.map((d) => d.toLowerCase()));
    const groupLower = new Map(
      ctx.server.storageGroups.map((g) => [g, new Set(g.databases.map((d) => d.toLowerCase()))]),
    );
    for (const step of ctx.steps) {
      const listed = step.with.databases;
      if (!Array.isArray(listed) || listed.length === 0) continue;
      const sgName = step.with.storageGroup;
      const group = typeof sgName === 'string' ? ctx.storageGroup(sgName) : undefined;
      if (typeof sgName === 'string' && !group) continue; // the storage group itself is reported
      const lower = group ? groupLower.get(group)! : allLower;
      ctx.stepDatabases(step).forEach((db, i) => {
        if (lower.has(db.toLowerCase())) return;
        const known = group ? group.databases : all;
        const options = suggest(db, known);
        const where = group ? `storage group '${group.name}'` : 'the inventory';
        report({
          span: step.locate(['with', 'databases', i]).valueSpan ?? step.paramSpan('databases'),
          message: `${where[0].toUpperCase()}${where.slice(1)} has no database '${db}'.${didYouMean(options)}`,
          data: { fix: 'replace-value', path: ['with', 'databases', i], step: step.index, options },
        });
      });
    }
  },
);

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
  EVERY_STEP,
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

export const structureSection: RuleSection = {
  id: 'structure',
  article: '(runbook structure and inventory; the limits come from "Exchange Database Technology")',
  coded: [
    unknownAction,
    duplicateStepId,
    unknownStepReference,
    dependencyCycle,
    afterPointsForward,
    unknownStorageGroup,
    unknownDatabase,
    noSecrets,
  ],
  declarative: [
    {
      kind: 'limit',
      id: 'storage-group-limit',
      severity: 'error',
      summary: 'At most four storage groups per server.',
      collection: 'storageGroups',
      max: 4,
      message: 'This server lists {count} storage groups; an Exchange 2000 server can hold no more than {max}.',
    },
    {
      kind: 'limit',
      id: 'databases-per-group-limit',
      severity: 'error',
      summary: 'At most five databases per storage group.',
      collection: 'databasesPerStorageGroup',
      max: 5,
      message: "Storage group '{group}' lists {count} databases; one storage group can hold no more than {max}.",
    },
  ],
};
