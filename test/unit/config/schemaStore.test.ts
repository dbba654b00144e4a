/**
 * The JSON Schema in the form SchemaStore takes (id, title, description, and a catalogue entry
 * whose file patterns are the extension's), and no manifest registration that reaches nobody.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const read = (path: string) => JSON.parse(readFileSync(resolve(root, path), 'utf8'));

test('the schema has an id, a title and a description; the catalogue entry matches every runbook file', () => {
  const schema = read('schemas/runbook.schema.json');
  assert.match(schema.$id, /^https:\/\//);
  assert.ok(schema.title && schema.description);
  const entry = read('schemas/catalog-entry.json');
  const manifest = read('package.json');
  const patterns = [
    ...manifest.contributes.languages.find((l: { id: string }) => l.id === 'runbook').filenamePatterns,
    ...manifest.contributes.jsonValidation.flatMap((j: { fileMatch: string[] }) => j.fileMatch),
  ];
  assert.deepEqual([...entry.fileMatch].sort(), [...new Set(patterns)].sort());
  assert.ok(entry.url.endsWith('/schemas/runbook.schema.json'));
});

test('no yamlValidation: runbook files are the runbook language, which Red Hat YAML never sees', () => {
  assert.equal(read('package.json').contributes.yamlValidation, undefined);
});
