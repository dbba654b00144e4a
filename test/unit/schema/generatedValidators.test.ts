/**
 * The validators compiled at build time (core/model/schema/validators.generated.js) are current
 * with the catalogue, and find exactly what ajv compiling the schemas at run time finds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { headerSchema, stepSchema, withSchemas } from '../../../core/model/schema/buildSchema';
import * as generated from '../../../core/model/schema/validators.generated';
import { validatorsSource } from '../../../scripts/validatorsSource';

const ROOT = join(__dirname, '../../..');

test('validators.generated.js is the code built from the catalogue (run `npm run schema` after a change)', () => {
  const shipped = readFileSync(join(ROOT, 'core/model/schema/validators.generated.js'), 'utf8');
  assert.ok(shipped === validatorsSource(), 'validators.generated.js is stale: run `npm run schema`');
});

test('the generated validators report the same errors as schemas compiled at run time', () => {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  const runtime = { header: ajv.compile(headerSchema), step: ajv.compile(stepSchema) };
  const all = generated as unknown as Record<string, (v: unknown) => boolean>;
  const errorsOf = (fn: { (v: unknown): boolean; errors?: unknown }, value: unknown) => {
    fn(value);
    // A copy: ajv re-uses the array on the next call. Schemas and data included (verbose).
    return structuredClone(fn.errors ?? null);
  };
  const withIndex = new Map(generated.withActions.map((id, i) => [id, i]));
  const runtimeWith = new Map(Object.entries(withSchemas()).map(([id, s]) => [id, ajv.compile(s)]));
  assert.deepEqual([...withIndex.keys()], [...runtimeWith.keys()]);

  const files = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.runbook.yaml'));
  let checked = 0;
  for (const f of files) {
    const doc = parse(readFileSync(join(ROOT, 'examples', f), 'utf8')) as Record<string, unknown>;
    // Each example as it is, and broken: a missing title, a wrong type, an unknown key.
    const broken = { ...doc, title: 5, extra: true, runbook: 2 };
    for (const value of [doc, broken])
      assert.deepEqual(errorsOf(generated.header, value), errorsOf(runtime.header, value));
    for (const step of (doc.steps as Record<string, unknown>[]) ?? []) {
      const bad = { ...step, id: 'Not An Id', parallel: 3, surprise: 'x', after: 'one' };
      for (const value of [step, bad]) assert.deepEqual(errorsOf(generated.step, value), errorsOf(runtime.step, value));
      const action = step.action as string;
      const w = (step.with ?? {}) as Record<string, unknown>;
      if (!withIndex.has(action)) continue;
      const fn = all[`with_${withIndex.get(action)}`];
      const wrong = Object.fromEntries(Object.keys(w).map((k) => [k, typeof w[k] === 'string' ? 42 : 'text']));
      for (const value of [w, wrong, { ...w, unknownParam: 1 }, {}]) {
        assert.deepEqual(errorsOf(fn, value), errorsOf(runtimeWith.get(action)!, value), `${f}: ${action}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} with: values checked`);
});
