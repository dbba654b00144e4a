/**
 * Hover: what the thing under the cursor means in this format. An action id shows its summary,
 * doc, parameter table and the rules that read it; a key shows its doc; a step id or an
 * `after:` entry shows the step and who waits for it; a scenario shows what it recovers. On a
 * diagnostic, the check's id, summary and a link to its page are added.
 */
import type { Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { ACTION_BY_ID } from '../../model/catalogue/actions';
import { SCENARIO_DOCS, type Scenario } from '../../model/catalogue/enums';
import type { Rule } from '../../rules/types';
import type { FeatureContext } from './context';
import { cursorAt, type Cursor } from './cursor';
import { stepFacts } from './facts';
import { rulesReading } from './ruleIndex';
import { nodeAt, paramsOf } from './schemaAt';
import { refAt, stepTitle, usesOf, type StepRef } from './stepRefs';

/** Checks that are not rules but have ids and pages of their own. */
const BUILT_IN_CHECKS: Record<string, string> = {
  schema: 'The file follows runbook format v1: known keys, the right types, required keys present.',
  'yaml-syntax': 'The file is well-formed YAML.',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function actionHover(id: string, rules: readonly Rule[]): string | undefined {
  const spec = ACTION_BY_ID.get(id);
  if (!spec) return undefined;
  const out = [`**\`${spec.id}\`**: ${spec.summary}`, spec.doc];
  const params = paramsOf(id);
  if (params?.open) out.push('Takes any parameters; no rule reads them.');
  else if (params?.keys?.length) {
    out.push(
      [
        '| Parameter | Type | Meaning |',
        '|---|---|---|',
        ...params.keys.map((k) => `| \`${k.name}\` | ${cell(k.info.type)} | ${cell(k.info.doc ?? '')} |`),
      ].join('\n'),
    );
  } else out.push('Takes no parameters.');
  const summaries = new Map(rules.map((r) => [r.id, r.summary]));
  const reading = rulesReading(id).filter((r) => summaries.has(r));
  if (reading.length) out.push(`Checked by:\n${reading.map((r) => `- \`${r}\`: ${summaries.get(r)}`).join('\n')}`);
  return out.join('\n\n');
}

function stepHover(ctx: FeatureContext, ref: StepRef): string {
  const { decls, refs } = usesOf(ctx.parsed, ref.name);
  const decl = decls[0];
  if (!decl) return `No step has the id \`${ref.name}\`.`;
  const s = decl.step;
  const action = s.action;
  const title = stepTitle(s);
  const out = [`**Step \`${ref.name}\`** (step ${s.index + 1}${action ? `, \`${action}\`` : ''})`];
  if (title) out.push(title);
  const users = [...new Set(refs.map((r) => r.step.id ?? `step ${r.step.index + 1}`))];
  out.push(
    users.length ? `Used by \`after:\` of ${users.map((u) => `'${u}'`).join(', ')}.` : 'No step names it in `after:`.',
  );
  if (decls.length > 1) out.push(`The id is used by ${decls.length} steps; \`after:\` means the first.`);
  return out.join('\n\n');
}

/** The doc of a key, or of the value at the cursor when it names an action or a scenario. */
function elementHover(ctx: FeatureContext, cursor: Cursor, rules: readonly Rule[]): string | undefined {
  const path = cursor.path;
  const inStep = path[0] === 'steps';
  if (cursor.at === 'value') {
    if (inStep && path.length === 3 && path[2] === 'action') return actionHover(cursor.word, rules);
    if (path.length === 1 && path[0] === 'scenario' && cursor.word in SCENARIO_DOCS) {
      return `**Scenario \`${cursor.word}\`**\n\n${SCENARIO_DOCS[cursor.word as Scenario]}`;
    }
    return undefined;
  }
  if (cursor.at !== 'key') return undefined;
  const action = inStep ? stepFacts(ctx.parsed, cursor)?.action : undefined;
  const node = nodeAt(path, action);
  if (!node?.doc) return undefined;
  const key = String(path[path.length - 1]);
  const owner = inStep && path[2] === 'with' && path.length === 4 && action ? ` (parameter of \`${action}\`)` : '';
  return `**\`${key}\`**${owner}: ${node.type}\n\n${node.doc}`;
}

function contains(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

function diagnosticHover(d: Diagnostic, rules: readonly Rule[]): string {
  const code = String(d.code ?? '');
  const summary = rules.find((r) => r.id === code)?.summary ?? BUILT_IN_CHECKS[code];
  const href = d.codeDescription?.href;
  return [
    `Check \`${code}\`${summary ? `: ${summary}` : ''}`,
    href ? `[What this check looks for and how to fix it](${href})` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function hover(
  ctx: FeatureContext,
  position: Position,
  diagnostics: Diagnostic[],
  rules: readonly Rule[],
): Hover | null {
  const parsed = ctx.parsed;
  const parts: string[] = [];
  let range: Range | undefined;
  const ref = refAt(parsed, parsed.lines.offsetAt(position));
  if (ref) {
    parts.push(stepHover(ctx, ref));
    range = parsed.lines.range(ref.span);
  } else {
    const cursor = cursorAt(parsed, position);
    const text = cursor && cursor.word ? elementHover(ctx, cursor, rules) : undefined;
    if (text && cursor) {
      parts.push(text);
      range = parsed.lines.range(cursor.token);
    }
  }
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const code = String(d.code ?? '');
    if (!code || seen.has(code) || !contains(d.range, position)) continue;
    seen.add(code);
    parts.push(diagnosticHover(d, rules));
  }
  if (!parts.length) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range };
}
