import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { buildSchema } from '../../core/model/schema/buildSchema';

const shipped = JSON.parse(readFileSync(join(__dirname, '../../schemas/runbook.schema.json'), 'utf8'));

test('the shipped JSON Schema is the one built from the catalogue (run `npm run schema` after a change)', () => {
  assert.deepEqual(shipped, JSON.parse(JSON.stringify(buildSchema())));
});

test('other YAML tools validating with the shipped schema accept the examples and reject a wrong parameter type', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(shipped);
  const example = parse(readFileSync(join(__dirname, '../../examples/member-server.runbook.yaml'), 'utf8')) as {
    steps: { action: string; with: Record<string, unknown> }[];
  };
  assert.ok(validate(example), JSON.stringify(validate.errors));
  const step = example.steps.find((s) => s.action === 'windows.install')!;
  step.with.joinDomain = 'no';
  assert.equal(validate(example), false);
  assert.ok(validate.errors!.some((e) => e.instancePath.endsWith('/with/joinDomain')));
});
