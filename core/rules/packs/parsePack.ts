/**
 * Reads a team rule pack from its text: YAML syntax, the pack schema, then checks a schema cannot
 * express (known action ids, no clash with built-in rule ids). Returns the compiled rules and the
 * findings inside the pack file, with exact spans, for the editor and the CLI alike.
 */
import type { ValidateFunction } from 'ajv';
import { parseDocument, type Node } from 'yaml';
import { ACTION_BY_ID, ACTIONS } from '../../model/catalogue/actions';
import type { Finding } from '../../model/findings';
import { locate } from '../../model/parse/yamlPath';
import { schemaFindings, type Locator } from '../../model/schema/validateSchema';
import { LineIndex } from '../../model/text/lineIndex';
import { didYouMean, suggest } from '../../model/text/suggest';
import { compile } from '../declarative/compile';
import type { DeclarativeRule, Rule } from '../types';
import { packSchema, ruleBaseSchema, ruleKindSchema } from './packSchema';
// Compiled at build time (scripts/packValidatorsSource.ts): ajv would compile with `new Function`,
// which vscode.dev's Content-Security-Policy does not allow.
import * as generated from './packValidators.generated';

export interface ParsedPack {
  rules: Rule[];
  findings: Finding[];
  lines: LineIndex;
  name?: string;
}

let validators: { pack: ValidateFunction; base: ValidateFunction; kinds: Map<string, ValidateFunction> } | undefined;
function compiled() {
  const byName = generated as unknown as Record<string, ValidateFunction>;
  validators ??= {
    pack: generated.pack,
    base: generated.base,
    kinds: new Map(generated.kindNames.map((k, i) => [k, byName[`kind_${i}`]])),
  };
  return validators;
}

const ACTION_IDS = ACTIONS.map((a) => a.id);
const MATCHER_FIELDS = ['before', 'after', 'afterFollows', 'step', 'from', 'to'] as const;

export function parsePack(text: string, reservedIds: ReadonlySet<string>): ParsedPack {
  const lines = new LineIndex(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const findings: Finding[] = doc.errors.map((e) => ({
    code: 'yaml-syntax',
    severity: 'error',
    message: `YAML syntax: ${e.message.split('\n')[0]}`,
    span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) },
  }));
  if (findings.length) return { rules: [], findings, lines };
  const root = doc.contents as Node | null;
  const value = doc.toJS() as Record<string, unknown> | null;
  const at: Locator = (path) => locate(root, path, 0);
  const fallback = { start: 0, end: Math.min(1, text.length) };
  const v = compiled();
  const wording = (keys: string[]) => ({ knownKeys: () => keys });
  if (!v.pack(value)) {
    findings.push(
      ...schemaFindings(v.pack.errors ?? [], at, fallback, wording(Object.keys(packSchema.properties))).map((f) => ({
        ...f,
        code: 'rule-pack',
      })),
    );
    return { rules: [], findings, lines };
  }
  const rules: Rule[] = [];
  const rulesValue = value!.rules as unknown[];
  rulesValue.forEach((raw, i) => {
    // ajv paths are relative to the rule; depth must be too, so "exact match" checks work.
    const inRule: Locator = (path) => {
      const hit = at(['rules', i, ...path]);
      return hit && { ...hit, depth: hit.depth - 2 };
    };
    const report = (errs: Parameters<typeof schemaFindings>[0], keys: string[]) =>
      findings.push(
        ...schemaFindings(errs, inRule, at(['rules', i])?.valueSpan ?? fallback, wording(keys)).map((f) => ({
          ...f,
          code: 'rule-pack',
        })),
      );
    if (!v.base(raw)) {
      report(v.base.errors ?? [], Object.keys(ruleBaseSchema.properties));
      return;
    }
    const rule = raw as DeclarativeRule;
    const kindCheck = v.kinds.get(rule.kind)!;
    if (!kindCheck(raw)) {
      report(kindCheck.errors ?? [], Object.keys(ruleKindSchema(rule.kind)!.properties as object));
      return;
    }
    let ok = true;
    if (reservedIds.has(rule.id)) {
      ok = false;
      findings.push({
        code: 'rule-pack',
        severity: 'error',
        message: `Rule id '${rule.id}' is already used by another rule; pick another name.`,
        span: inRule(['id'])?.valueSpan ?? fallback,
      });
    }
    for (const field of MATCHER_FIELDS) {
      const m = (rule as unknown as Record<string, { action?: string | string[] } | undefined>)[field];
      if (!m?.action) continue;
      const list = Array.isArray(m.action) ? m.action : [m.action];
      list.forEach((action, j) => {
        if (ACTION_BY_ID.has(action)) return;
        ok = false;
        const span = inRule([field, 'action', ...(Array.isArray(m.action) ? [j] : [])])?.valueSpan ?? fallback;
        findings.push({
          code: 'rule-pack',
          severity: 'error',
          message: `Unknown action \`${action}\`.${didYouMean(suggest(action, ACTION_IDS))}`,
          span,
        });
      });
    }
    if (ok) {
      rules.push(compile(rule));
      reservedIds = new Set([...reservedIds, rule.id]);
    }
  });
  return { rules, findings, lines, name: typeof value!.name === 'string' ? value!.name : undefined };
}
