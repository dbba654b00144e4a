/** Structure rules that hold for every runbook: actions exist, ids are unique, `after:` makes sense. */
import { ACTIONS, ACTION_BY_ID } from '../../model/catalogue/actions';
import type { Step } from '../../model/parse/parseRunbook';
import { didYouMean, suggest } from '../../model/text/suggest';
import { defineRule } from './define';

const ACTION_IDS = ACTIONS.map((a) => a.id);

export const unknownAction = defineRule(
  'unknown-action',
  'error',
  'Every action id is in the catalogue.',
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

export const duplicateStepId = defineRule('duplicate-step-id', 'error', 'Step ids are unique.', (ctx, report) => {
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
});

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
