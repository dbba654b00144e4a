/**
 * The `schema` check: ajv validates the header, each step and each step's `with:` against the
 * schema built from the catalogue (compiled once), and every ajv error becomes one finding on the
 * smallest span of the offending key or value, with a message written for a person.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Node } from 'yaml';
import { ACTION_BY_ID } from '../catalogue/actions';
import type { Finding } from '../findings';
import { locateHeader, type ParsedRunbook, type Step } from '../parse/parseRunbook';
import { didYouMean, suggest } from '../text/suggest';
import type { Span } from '../text/lineIndex';
import type { PathSegment } from '../parse/yamlPath';
import { headerSchema, stepSchema, type JsonSchema } from './buildSchema';
import * as generated from './validators.generated';

interface Compiled {
  header: ValidateFunction;
  step: ValidateFunction;
  with: Map<string, ValidateFunction>;
}
let compiled: Compiled | undefined;

/**
 * The validators ajv compiled at build time (`npm run schema` writes validators.generated.js):
 * a process starts without compiling a schema.
 */
function validators(): Compiled {
  if (!compiled) {
    const all = generated as unknown as Record<string, ValidateFunction>;
    const withMap = new Map<string, ValidateFunction>();
    generated.withActions.forEach((id, i) => withMap.set(id, all[`with_${i}`]));
    compiled = { header: generated.header, step: generated.step, with: withMap };
  }
  return compiled;
}

type Locator = (path: readonly PathSegment[]) => { keySpan?: Span; valueSpan?: Span; depth: number } | undefined;

/** ajv errors of one step, kept per parsed node so an unchanged step is not validated again. */
const stepErrorCache = new WeakMap<Node, ErrorObject[]>();

export function validateSchema(parsed: ParsedRunbook): Finding[] {
  const out: Finding[] = [];
  const header = { ...(parsed.header ?? {}), steps: parsed.stepsValue };
  const v = validators();
  const headerLocator: Locator = (path) => locateHeader(parsed, path);
  const fallback: Span = { start: 0, end: Math.min(1, parsed.text.length) };
  if (!v.header(header)) {
    for (const e of v.header.errors ?? []) {
      // Step contents are checked per step below; the header check only asks that steps exist.
      if (e.instancePath.startsWith('/steps/')) continue;
      out.push(toFinding(e, headerLocator, fallback, parsed.stepsKey));
    }
  }
  for (const step of parsed.steps) {
    const found = validateStep(step);
    if (found.length) out.push(...found);
  }
  return out;
}

const NONE: Finding[] = [];

function validateStep(step: Step): Finding[] {
  let errors = stepErrorCache.get(step.node);
  if (!errors) {
    errors = [];
    const v = validators();
    if (!v.step(step.value)) errors.push(...(v.step.errors ?? []));
    const action = step.action;
    const withValidator = action ? v.with.get(action) : undefined;
    const w = step.value.with;
    const withIsMap = w === null || w === undefined || (typeof w === 'object' && !Array.isArray(w));
    if (withValidator && 'with' in step.value && withIsMap && !withValidator(w ?? {})) {
      errors.push(...(withValidator.errors ?? []).map((e) => ({ ...e, instancePath: `/with${e.instancePath}` })));
    }
    errors = collapseAnyOf(errors);
    stepErrorCache.set(step.node, errors);
  }
  // The common case on every keystroke: a valid step without evidence patterns.
  if (errors.length === 0 && !Array.isArray(step.value.evidence)) return NONE;
  const locator: Locator = (path) => step.locate(path);
  const found = errors.map((e) => toFinding(e, locator, step.anchor, undefined, step));
  found.push(...checkEvidencePatterns(step));
  return found;
}

/** An `anyOf` failure explains itself: drop the errors of its branches at the same place. */
function collapseAnyOf(errors: ErrorObject[]): ErrorObject[] {
  const anyOf = errors.filter((e) => e.keyword === 'anyOf');
  if (!anyOf.length) return errors;
  return errors.filter(
    (e) =>
      e.keyword === 'anyOf' ||
      !anyOf.some(
        (a) =>
          a.instancePath === e.instancePath && e.schemaPath.startsWith(a.schemaPath.replace(/\/anyOf$/, '/anyOf/')),
      ),
  );
}

function checkEvidencePatterns(step: Step): Finding[] {
  const evidence = step.value.evidence;
  if (!Array.isArray(evidence)) return [];
  const out: Finding[] = [];
  evidence.forEach((item, i) => {
    const pattern = (item as { pattern?: unknown } | null)?.pattern;
    if (typeof pattern !== 'string') return;
    try {
      new RegExp(pattern);
    } catch (err) {
      const span = step.locate(['evidence', i, 'pattern']).valueSpan ?? step.anchor;
      out.push({
        code: 'schema',
        severity: 'error',
        span,
        message: `The evidence pattern is not a valid regular expression: ${(err as Error).message}.`,
      });
    }
  });
  return out;
}

function pathOf(e: ErrorObject): PathSegment[] {
  return e.instancePath
    .split('/')
    .slice(1)
    .map((s) => {
      const unescaped = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(unescaped) ? Number(unescaped) : unescaped;
    });
}

/** How a schema error is described: which keys exist where (for "did you mean"). */
export interface SchemaWording {
  knownKeys(path: readonly PathSegment[]): string[];
}

function toFinding(
  e: ErrorObject,
  locate: Locator,
  fallback: Span,
  stepsKey?: Span,
  step?: Step,
  wording?: SchemaWording,
): Finding {
  const path = pathOf(e);
  const where = locate(path);
  const exact = where && where.depth === path.length;
  const valueSpan = (exact ? where.valueSpan : undefined) ?? where?.keySpan ?? fallback;
  const keySpan = (exact ? where.keySpan : undefined) ?? valueSpan;
  const name = describePath(path, step);
  const finding = (span: Span, message: string, replacement?: string): Finding => ({
    code: 'schema',
    severity: 'error',
    span,
    message,
    data: replacement === undefined ? undefined : { fix: 'replace-text', replacement },
  });

  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params.missingProperty);
      if (path.length === 0 && missing === 'steps' && stepsKey)
        return finding(stepsKey, 'The runbook needs at least one step.');
      const owner = path.length === 0 ? (step ? 'This step' : 'The runbook') : `\`${name}\``;
      return finding(path.length === 0 ? fallback : keySpan, `${owner} is missing the required key \`${missing}\`.`);
    }
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      const at = locate([...path, extra]);
      const span = at?.keySpan ?? valueSpan;
      const known = wording ? wording.knownKeys(path) : knownKeys(path, step);
      const hint = didYouMean(suggest(extra, known, 1));
      const message =
        path[0] === 'with' && step?.action
          ? `\`${step.action}\` has no parameter \`${extra}\`.${hint || ` It takes: ${known.join(', ') || 'none'}.`}`
          : `Unknown key \`${extra}\`${name ? ` in \`${name}\`` : ''}.${hint}`;
      return finding(span, message, suggest(extra, known, 1)[0]);
    }
    case 'type':
      return finding(valueSpan, `\`${name}\` should be ${article(String(e.params.type))}.`);
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      const given = String(pick(e.data));
      const hint = didYouMean(suggest(given, allowed, 1));
      return finding(
        valueSpan,
        `\`${given}\` is not a valid ${name}.${hint || ` Use one of: ${allowed.join(', ')}.`}`,
        suggest(given, allowed, 1)[0],
      );
    }
    case 'const':
      if (path.length === 1 && path[0] === 'runbook')
        return finding(valueSpan, 'This extension reads runbook format version 1: write `runbook: 1`.');
      return finding(valueSpan, `\`${name}\` must be ${JSON.stringify(e.params.allowedValue)}.${constReason(path)}`);
    case 'pattern': {
      if (step && path.length === 1 && path[0] === 'id') {
        return finding(
          valueSpan,
          `Step id \`${String(e.data)}\` must be kebab-case: lower-case letters, digits and single dashes, such as \`restore-mailbox-store\`.`,
        );
      }
      // The schema's own description says what the form is for (e.g. a team pack's `team/rule` ids).
      const why = (e.parentSchema as { description?: string } | undefined)?.description;
      return finding(
        valueSpan,
        `\`${String(e.data)}\` is not a valid ${name}${why ? `: ${why}` : ` (expected form ${String(e.params.pattern)})`}.`,
      );
    }
    case 'minItems':
      if (path.length === 1 && path[0] === 'steps') return finding(keySpan, 'The runbook needs at least one step.');
      return finding(valueSpan, `\`${name}\` must list at least ${String(e.params.limit)} item.`);
    case 'minLength':
      return finding(valueSpan, `\`${name}\` must not be empty.`);
    case 'uniqueItems':
      return finding(valueSpan, `\`${name}\` lists the same value twice.`);
    case 'minimum':
    case 'maximum':
      return finding(
        valueSpan,
        `\`${name}\` must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(e.params.limit)}.`,
      );
    case 'anyOf':
      return finding(valueSpan, `\`${name}\` must be \`all\` or a list of node names.`);
    default:
      return finding(valueSpan, `\`${name || 'This value'}\` is not valid here (${e.keyword}).`);
  }
}

/** Turns ajv errors of any document into findings (team packs use this with their own schema). */
export function schemaFindings(
  errors: ErrorObject[],
  locate: Locator,
  fallback: Span,
  wording: SchemaWording,
): Finding[] {
  return errors.map((e) => toFinding(e, locate, fallback, undefined, undefined, wording));
}

export type { Locator };

function pick(data: unknown): unknown {
  return typeof data === 'object' ? JSON.stringify(data) : data;
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: 'text',
    boolean: 'true or false',
    number: 'a number',
    integer: 'a whole number',
    array: 'a list',
    object: 'a mapping of keys to values',
    null: 'empty',
  };
  return words[type] ?? type;
}

function constReason(path: readonly PathSegment[]): string {
  return path[path.length - 1] === 'passwordParameter'
    ? ' The password is typed at the console when the service starts, never written in a file.'
    : '';
}

function describePath(path: readonly PathSegment[], step?: Step): string {
  const parts = path.filter((p) => typeof p === 'string');
  if (step && parts[0] === 'with' && parts.length > 1) return parts[parts.length - 1] as string;
  return parts.join('.');
}

function knownKeys(path: readonly PathSegment[], step?: Step): string[] {
  if (path[0] === 'with' && step?.action) {
    const spec = ACTION_BY_ID.get(step.action);
    return spec && spec.params !== 'any' ? Object.keys(spec.params) : [];
  }
  let schema: JsonSchema | undefined = step ? stepSchema : headerSchema;
  for (const seg of path) {
    if (!schema) break;
    if (typeof seg === 'number') schema = schema.items as JsonSchema | undefined;
    else schema = (schema.properties as Record<string, JsonSchema> | undefined)?.[seg];
  }
  return Object.keys((schema?.properties as object | undefined) ?? {});
}
