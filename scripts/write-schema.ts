/**
 * Writes schemas/runbook.schema.json and core/model/schema/validators.generated.js from the
 * catalogue (`npm run schema`; esbuild.mjs runs it too when the catalogue is newer). Unit tests
 * keep both current.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildSchema } from '../core/model/schema/buildSchema';
import { validatorsSource } from './validatorsSource';
import { packValidatorsSource } from './packValidatorsSource';

mkdirSync('schemas', { recursive: true });
writeFileSync('schemas/runbook.schema.json', `${JSON.stringify(buildSchema(), null, 2)}\n`);
writeFileSync('core/model/schema/validators.generated.js', validatorsSource());
writeFileSync('core/rules/packs/packValidators.generated.js', packValidatorsSource());
console.log(
  'wrote schemas/runbook.schema.json, core/model/schema/validators.generated.js and core/rules/packs/packValidators.generated.js',
);
