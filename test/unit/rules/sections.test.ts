/**
 * The rules are laid out like the reference article: one file per section in
 * core/rules/exchange2000/, mirrored by test/unit/rules/<section>.test.ts. A rule id leads to its
 * file and its tests in one hop, so every id must be in exactly one section and be tested there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_RULES, SECTIONS, sectionOf } from '../../../core/rules/exchange2000';

const ids = (s: (typeof SECTIONS)[number]) => new Set([...s.coded.map((r) => r.id), ...s.declarative.map((d) => d.id)]);

test('every built-in rule id lives in exactly one section', () => {
  for (const rule of BUILTIN_RULES) {
    const holders = SECTIONS.filter((s) => ids(s).has(rule.id)).map((s) => s.id);
    assert.equal(holders.length, 1, `${rule.id} is in ${holders.join(', ') || 'no section'}`);
    assert.equal(sectionOf(rule.id)?.id, holders[0]);
  }
});

test('each section has its source file and a test file with a describe block per rule id', () => {
  for (const section of SECTIONS) {
    assert.ok(existsSync(join(__dirname, '../../../core/rules/exchange2000', `${section.id}.ts`)), section.id);
    const testFile = join(__dirname, `${section.id}.test.ts`);
    assert.ok(existsSync(testFile), `missing test/unit/rules/${section.id}.test.ts`);
    const text = readFileSync(testFile, 'utf8');
    for (const id of ids(section))
      assert.ok(text.includes(`describe('${id}'`), `${section.id}.test.ts has no describe('${id}', …)`);
    for (const other of SECTIONS)
      if (other !== section)
        for (const id of ids(other))
          assert.ok(!text.includes(`describe('${id}'`), `${id} is tested in ${section.id}.test.ts, not ${other.id}`);
  }
});
