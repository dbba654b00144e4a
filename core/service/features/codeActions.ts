/**
 * Quick fixes. Each finding carries `data.fix` naming a mechanical repair (see the rules); this
 * file turns it into text edits. Every fix is checked by linting its result: a fix that would not
 * remove its problem, or would add an error, is not offered.
 */
import type { CodeAction, Diagnostic, Range, TextEdit as LspTextEdit } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import { asFixData, type FixData, type FixKind, type NewStepSpec } from '../../model/fixData';
import type { ParsedRunbook } from '../../model/parse/parseRunbook';
import { addListItem, applyEdits, removeParam, setParam, stepLines, yamlInline, type TextEdit } from '../fixes/edits';
import { bestPlacement, MAX_TRIAL_STEPS } from '../fixes/placement';
import { listIndent, stepText, uniqueId, type NewStep } from '../fixes/stepTemplates';
import type { FeatureContext } from './context';
import type { Span } from '../../model/text/lineIndex';

interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

function newStep(m: NewStepSpec): NewStep {
  return { action: Array.isArray(m.action) ? m.action[0] : m.action, with: m.with };
}

function placeNew(
  ctx: FeatureContext,
  code: string,
  steps: NewStep[],
  hint: number,
  sourceIndex?: number,
): Fix | undefined {
  const { parsed } = ctx;
  const source = sourceIndex === undefined ? undefined : parsed.steps[sourceIndex];
  const indent = listIndent(parsed);
  const taken = new Set(parsed.steps.map((s) => s.id));
  const made = steps.map((s) => stepText(parsed, s, source, indent, taken));
  const text = made.map((m) => m.text).join('');
  const ids = made.map((m) => m.id);
  const edits = bestPlacement(parsed, text, code, ctx.lint, hint, ctx.findings());
  return (
    edits && {
      title: `Insert ${steps.length === 1 ? `step '${ids[0]}' (${steps[0].action})` : `${steps.length} steps`}`,
      edits,
      preferred: true,
    }
  );
}

function moveStep(ctx: FeatureContext, code: string, moving: number, hint: number): Fix | undefined {
  const { parsed } = ctx;
  const step = parsed.steps[moving];
  if (!step) return undefined;
  const lines = stepLines(parsed, step);
  const edits = bestPlacement(
    parsed,
    parsed.text.slice(lines.start, lines.end),
    code,
    ctx.lint,
    hint,
    ctx.findings(),
    moving,
  );
  return edits && { title: `Move step ${step.label} to where the order is right`, edits, preferred: true };
}

function valueAt(parsed: ParsedRunbook, stepIndex: number, path: (string | number)[]): Span | undefined {
  return parsed.steps[stepIndex]?.locate(path).valueSpan;
}

function fixesFor(ctx: FeatureContext, code: string, data: FixData, diagnosticSpan: Span): Fix[] {
  const { parsed } = ctx;
  const some = (fix: Fix | undefined): Fix[] => (fix ? [fix] : []);
  switch (data.fix) {
    case 'move-before':
      // Either the earlier-required step moves up, or the step that needs it moves down.
      return some(moveStep(ctx, code, data.move, data.target) ?? moveStep(ctx, code, data.target, data.move + 1));
    case 'move-after':
      return some(moveStep(ctx, code, data.move, (data.target ?? parsed.steps.length - 1) + 1));
    case 'insert-before':
      return some(placeNew(ctx, code, [newStep(data.insert)], data.target, data.fromStep ?? data.target));
    case 'insert-after':
      return some(placeNew(ctx, code, [newStep(data.insert)], data.target + 1, data.target));
    case 'insert-required':
      return some(placeNew(ctx, code, [newStep(data.insert)], parsed.steps.length));
    case 'insert-prereqs':
      return some(
        placeNew(
          ctx,
          code,
          data.items.map((item) => ({ action: 'prereq.confirm', with: { item } })),
          0,
        ),
      );
    case 'set-param': {
      const step = parsed.steps[data.step];
      if (!step) return [];
      return [
        {
          title: `Set ${data.param} to ${yamlInline(data.value)}`,
          edits: [setParam(parsed, step, data.param, data.value)],
          preferred: true,
        },
      ];
    }
    case 'remove-param': {
      const step = parsed.steps[data.step];
      const edit = step && removeParam(parsed, step, data.param);
      return edit ? [{ title: `Remove ${data.param}`, edits: [edit] }] : [];
    }
    case 'add-list-item': {
      const step = parsed.steps[data.step];
      const edit = step && addListItem(parsed, step, data.param, data.value);
      return edit ? [{ title: `Add ${data.value}`, edits: [edit], preferred: true }] : [];
    }
    case 'replace-value': {
      const span = valueAt(parsed, data.step, data.path);
      return span
        ? data.options.map((o, i) => ({
            title: `Change to '${o}'`,
            edits: [{ span, newText: yamlInline(o) }],
            preferred: i === 0,
          }))
        : [];
    }
    case 'rename-duplicate': {
      const step = parsed.steps[data.step];
      const span = step?.locate(['id']).valueSpan;
      const id = step?.id;
      const free = id && uniqueId(new Set(parsed.steps.map((s) => s.id)), `${id}-2`);
      return span && free ? [{ title: `Rename to '${free}'`, edits: [{ span, newText: free }] }] : [];
    }
    case 'remove-directive': {
      const line = data.line;
      if (data.count === 1) {
        const start = parsed.lines.lineStart(line);
        const end = line + 1 < parsed.lines.lineCount ? parsed.lines.lineStart(line + 1) : parsed.text.length;
        return [
          { title: 'Remove this unused directive', edits: [{ span: { start, end }, newText: '' }], preferred: true },
        ];
      }
      const after = parsed.text.slice(diagnosticSpan.end).match(/^\s*,\s*/);
      const before = after ? null : parsed.text.slice(0, diagnosticSpan.start).match(/,\s*$/);
      const span = after
        ? { start: diagnosticSpan.start, end: diagnosticSpan.end + after[0].length }
        : { start: diagnosticSpan.start - (before?.[0].length ?? 0), end: diagnosticSpan.end };
      return [{ title: `Remove '${data.rule}' from this directive`, edits: [{ span, newText: '' }], preferred: true }];
    }
    case 'replace-text':
      // Schema findings: a misspelt key or enum value with one close candidate.
      return [
        {
          title: `Change to '${data.replacement}'`,
          edits: [{ span: diagnosticSpan, newText: data.replacement }],
          preferred: true,
        },
      ];
  }
}

/**
 * A fix is offered only if linting its result shows one problem fewer of its code and no error
 * that was not there. Placement fixes check this while choosing; this covers the others (a
 * replaced step id may point forward, a copied value may trip another rule). Very large
 * runbooks skip it: a full lint per fix would make the light bulb lag.
 */
function verified(ctx: FeatureContext, code: string, fixes: Fix[], deadline: number): Fix[] {
  if (!fixes.length || ctx.parsed.steps.length > MAX_TRIAL_STEPS || ctx.parsed.text.length > MAX_TRIAL_CHARS)
    return fixes;
  // Out of time for this request: offer nothing unverified rather than keep the server busy.
  if (Date.now() > deadline) return [];
  const before = ctx.findings();
  const count = before.filter((f) => f.code === code).length;
  const errors = new Set(before.filter((f) => f.severity === 'error').map((f) => `${f.code}|${f.message}`));
  return fixes.filter((fix) => {
    const after = ctx.lint(applyEdits(ctx.parsed.text, fix.edits));
    return (
      after.filter((f) => f.code === code).length < count &&
      !after.some((f) => f.severity === 'error' && f.code !== code && !errors.has(`${f.code}|${f.message}`))
    );
  });
}

/** Trials (a full lint per fix) stop after this long per request, and skip texts this large. */
const TRIAL_BUDGET_MS = 2500;
const MAX_TRIAL_CHARS = 200_000;

/** Fix kinds whose repair stays inside one value or key: safe to apply to every problem at once. */
const LOCAL_FIXES: ReadonlySet<FixKind> = new Set<FixKind>(['set-param', 'add-list-item', 'rename-duplicate']);

function toLsp(parsed: ParsedRunbook, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: parsed.lines.range(e.span), newText: e.newText }));
}

function action(
  ctx: FeatureContext,
  title: string,
  edits: TextEdit[],
  diagnostics: Diagnostic[],
  kind: string = CodeActionKind.QuickFix,
  preferred = false,
): CodeAction {
  return {
    title,
    kind,
    diagnostics,
    isPreferred: preferred || undefined,
    edit: { changes: { [ctx.uri]: toLsp(ctx.parsed, edits) } },
  };
}

/** Applies the first available local fix of `code` until none is left; a whole-document edit. */
function fixAll(ctx: FeatureContext, codes: Set<string>, deadline: number): TextEdit[] | undefined {
  if (ctx.parsed.text.length > MAX_TRIAL_CHARS) return undefined;
  let text = ctx.parsed.text;
  // Each round applies one whole fix, so stopping at the deadline still leaves a correct edit.
  for (let round = 0; round < 200 && Date.now() <= deadline; round++) {
    const checked = ctx.check(text);
    const next = checked.findings.find((f) => codes.has(f.code) && f.data && LOCAL_FIXES.has(f.data.fix));
    if (!next) break;
    const [fix] = fixesFor(
      { ...ctx, parsed: checked.parsed, findings: () => checked.findings },
      next.code,
      next.data!,
      next.span,
    );
    if (!fix) break;
    text = applyEdits(text, fix.edits);
  }
  return text === ctx.parsed.text ? undefined : [{ span: { start: 0, end: ctx.parsed.text.length }, newText: text }];
}

function disableComment(ctx: FeatureContext, d: Diagnostic): CodeAction | undefined {
  if (typeof d.code !== 'string' || d.code.includes('suppression')) return undefined;
  const line = d.range.start.line;
  const start = ctx.parsed.lines.lineStart(line);
  const indent = /^\s*/.exec(ctx.parsed.text.slice(start, ctx.parsed.lines.lineEnd(line)))![0];
  return action(
    ctx,
    `Disable '${d.code}' for this line`,
    [{ span: { start, end: start }, newText: `${indent}# runbook-disable-next-line ${d.code} -- <reason>\n` }],
    [d],
  );
}

/** Fixes for the diagnostics the client sent (they carry our `data`); the range adds nothing to them. */
export function codeActions(
  ctx: FeatureContext,
  _range: Range,
  diagnostics: Diagnostic[],
  only?: string[],
): CodeAction[] {
  const out: CodeAction[] = [];
  const deadline = Date.now() + TRIAL_BUDGET_MS;
  if (only?.some((k) => k.startsWith(CodeActionKind.SourceFixAll))) {
    const codes = new Set(
      ctx
        .findings()
        .filter((f) => f.data && LOCAL_FIXES.has(f.data.fix))
        .map((f) => f.code),
    );
    const edits = codes.size ? fixAll(ctx, codes, deadline) : undefined;
    return edits
      ? [action(ctx, 'Fix all safely fixable runbook problems', edits, [], `${CodeActionKind.SourceFixAll}.runbook`)]
      : [];
  }
  const seenCodes = new Set<string>();
  for (const d of diagnostics) {
    if (d.source !== 'runbook' || typeof d.code !== 'string') continue;
    const span = { start: ctx.parsed.lines.offsetAt(d.range.start), end: ctx.parsed.lines.offsetAt(d.range.end) };
    const data = asFixData(d.data);
    const fixes = data ? verified(ctx, d.code, fixesFor(ctx, d.code, data, span), deadline) : [];
    // The first verified fix is the preferred one, even if the rule's first idea did not survive.
    fixes.forEach((fix, i) =>
      out.push(action(ctx, fix.title, fix.edits, [d], CodeActionKind.QuickFix, fix.preferred || i === 0)),
    );
    if (data && LOCAL_FIXES.has(data.fix) && !seenCodes.has(d.code)) {
      seenCodes.add(d.code);
      const count = ctx.findings().filter((f) => f.code === d.code).length;
      const edits = count > 1 ? fixAll(ctx, new Set([d.code]), deadline) : undefined;
      if (edits) out.push(action(ctx, `Fix all '${d.code}' problems in this file`, edits, [d]));
    }
    const disable = disableComment(ctx, d);
    if (disable) out.push(disable);
  }
  return out;
}
