/**
 * Go to definition, find references, highlights and rename for step ids. A step id is the only
 * name in a runbook that is declared once and used elsewhere (by `after:` and by run records),
 * so it is the only thing these features act on.
 */
import {
  DocumentHighlightKind,
  type DocumentHighlight,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { STEP_ID_PATTERN } from '../../model/schema/buildSchema';
import type { FeatureContext } from './context';
import { refAt, usesOf, type StepRef } from './stepRefs';

const NOT_RENAMEABLE = 'Only a step id can be renamed.';
const KEBAB = new RegExp(STEP_ID_PATTERN);

function at(ctx: FeatureContext, position: Position): StepRef | undefined {
  return refAt(ctx.parsed, ctx.parsed.lines.offsetAt(position));
}

const location = (ctx: FeatureContext, r: StepRef): Location => ({
  uri: ctx.uri,
  range: ctx.parsed.lines.range(r.span),
});

/** From an `after:` entry (or an id) to the step that declares the name; the first one when ids repeat. */
export function definition(ctx: FeatureContext, position: Position): Location[] {
  const ref = at(ctx, position);
  if (!ref) return [];
  const decl = usesOf(ctx.parsed, ref.name).decls[0];
  return decl ? [location(ctx, decl)] : [];
}

/** Every `after:` entry naming the step, and its declaration when asked for. */
export function references(ctx: FeatureContext, position: Position, includeDeclaration: boolean): Location[] {
  const ref = at(ctx, position);
  if (!ref) return [];
  const { decls, refs } = usesOf(ctx.parsed, ref.name);
  return [...(includeDeclaration ? decls : []), ...refs].map((r) => location(ctx, r));
}

export function highlights(ctx: FeatureContext, position: Position): DocumentHighlight[] {
  const ref = at(ctx, position);
  if (!ref) return [];
  const { decls, refs } = usesOf(ctx.parsed, ref.name);
  return [
    ...decls.map((r) => ({ range: ctx.parsed.lines.range(r.span), kind: DocumentHighlightKind.Write })),
    ...refs.map((r) => ({ range: ctx.parsed.lines.range(r.span), kind: DocumentHighlightKind.Read })),
  ];
}

/** The range and current name of the step id under the cursor, or a reason why it cannot be renamed. */
export function prepareRename(
  ctx: FeatureContext,
  position: Position,
): { range: Range; placeholder: string } | { error: string } {
  const ref = at(ctx, position);
  return ref ? { range: ctx.parsed.lines.range(ref.span), placeholder: ref.name } : { error: NOT_RENAMEABLE };
}

/**
 * Renames the id and every `after:` entry that names it. When an id is used twice, `after:`
 * entries mean the first step, so renaming the second one changes that id only: that is how
 * a duplicate is fixed without touching anything else.
 */
export function rename(ctx: FeatureContext, position: Position, newName: string): WorkspaceEdit | { error: string } {
  const ref = at(ctx, position);
  if (!ref) return { error: NOT_RENAMEABLE };
  if (!KEBAB.test(newName)) {
    return {
      error: `'${newName}' is not a valid step id: use lower-case letters and digits in words joined by single hyphens (kebab-case), such as 'restore-mailbox-store'.`,
    };
  }
  const { decls, refs } = usesOf(ctx.parsed, ref.name);
  if (newName !== ref.name) {
    const taken = ctx.parsed.steps.find((s) => s.id === newName);
    if (taken) return { error: `Step ${taken.index + 1} already has the id '${newName}'; step ids must be unique.` };
  }
  const duplicate = ref.kind === 'id' && decls.length > 0 && decls[0].step !== ref.step;
  const targets = duplicate ? [ref] : [...decls.slice(0, 1), ...refs];
  const edits: TextEdit[] = targets.map((r) => ({ range: ctx.parsed.lines.range(r.span), newText: newName }));
  return { changes: { [ctx.uri]: edits } };
}
