/** Writes schemas/runbook.schema.json from the catalogue (`npm run schema`). A unit test keeps it current. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildSchema } from '../core/model/schema/buildSchema';

mkdirSync('schemas', { recursive: true });
writeFileSync('schemas/runbook.schema.json', `${JSON.stringify(buildSchema(), null, 2)}\n`);
console.log('wrote schemas/runbook.schema.json');
