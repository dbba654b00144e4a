/**
 * The team pack validators compiled at build time (core/rules/packs/packValidators.generated.js)
 * are current with the pack schema, and find what ajv compiling the schemas at run time finds: the
 * web worker server cannot compile (ajv uses `new Function`, which vscode.dev's CSP refuses).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { packSchema, ruleBaseSchema, ruleKindSchema, RULE_KIND_NAMES } from '../../../core/rules/packs/packSchema';
import * as generated from '../../../core/rules/packs/packValidators.generated';
import { packValidatorsSource } from '../../../scripts/packValidatorsSource';

const ROOT = join(__dirname, '../../..');

test('packValidators.generated.js is the code built from the pack schema (run `npm run schema` after a change)', () => {
  const shipped = readFileSync(join(ROOT, 'core/rules/packs/packValidators.generated.js'), 'utf8');
  assert.ok(shipped === packValidatorsSource(), 'packValidators.generated.js is stale: run `npm run schema`');
  assert.doesNotMatch(shipped, /new Function|\beval\(/);
});

test('the generated pack validators report the same errors as schemas compiled at run time', () => {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  const all = generated as unknown as Record<string, { (v: unknown): boolean; errors?: unknown }>;
  const errorsOf = (fn: { (v: unknown): boolean; errors?: unknown }, value: unknown) => {
    fn(value);
    return structuredClone(fn.errors ?? null);
  };
  assert.deepEqual(generated.kindNames, RULE_KIND_NAMES);
  const rule = {
    id: 'team/smoke',
    kind: 'requires',
    severity: 'warning',
    summary: 's',
    message: 'm',
    step: { action: 'manual', with: { check: 'smoke' } },
  };
  const packs: unknown[] = [
    { pack: 1, rules: [rule] },
    { pack: 2, rules: 'none', extra: true },
    { pack: 1, name: 5, rules: [{ ...rule, id: 'Not An Id', severity: 'loud' }] },
    null,
  ];
  for (const value of packs)
    assert.deepEqual(errorsOf(generated.pack, value), errorsOf(ajv.compile(packSchema), value));
  const rules: unknown[] = [rule, { ...rule, kind: 5 }, { id: 'x' }, { ...rule, before: 'a', after: 7, extra: 1 }];
  for (const value of rules) {
    assert.deepEqual(errorsOf(generated.base, value), errorsOf(ajv.compile(ruleBaseSchema), value));
    RULE_KIND_NAMES.forEach((kind, i) => {
      const runtime = ajv.compile(ruleKindSchema(kind)!);
      assert.deepEqual(
        errorsOf(all[`kind_${i}`], value),
        errorsOf(runtime, value),
        `${kind} on ${JSON.stringify(value)}`,
      );
    });
  }
});
