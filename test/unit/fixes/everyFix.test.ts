/**
 * Every quick fix the rules offer, found systematically: remove one step at a time from each
 * clean example, or swap it with the next one, and for every problem that has a fix, apply it and
 * lint again. The problem must be gone (one fewer of its code) and no error may appear that was
 * not there before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../../core/service';
import { parseRunbook } from '../../../core/model/parse/parseRunbook';
import { applyLspEdits, URI } from './applyFix';
import { moveAfter, removeStep } from './mutate';

const examples = join(__dirname, '../../../examples');
const fixedCodes = new Set<string>();

for (const file of readdirSync(examples).filter((f) => f.endsWith('.runbook.yaml'))) {
  test(`every offered fix works on ${file} with one step removed, or moved down one place, at a time`, () => {
    const clean = readFileSync(join(examples, file), 'utf8');
    const service = createLanguageService();
    const ids = parseRunbook(clean).steps.map((s) => s.id!);
    const variants = [
      ...ids.map((id) => ({ what: `without '${id}'`, text: removeStep(clean, id) })),
      ...ids
        .slice(0, -1)
        .map((id, i) => ({ what: `with '${id}' after '${ids[i + 1]}'`, text: moveAfter(clean, id, ids[i + 1]) })),
    ];
    for (const { what, text: broken } of variants) {
      const { diagnostics } = service.analyze(URI, broken);
      const before = service.lint(broken);
      const errorsBefore = new Set(before.filter((f) => f.severity === 'error').map((f) => `${f.code}|${f.message}`));
      for (const d of diagnostics) {
        const fix = service.codeActions(URI, broken, d.range, [d]).find((a) => a.isPreferred && a.edit);
        if (!fix) continue;
        const code = String(d.code);
        const fixed = applyLspEdits(broken, fix.edit!.changes![URI]);
        const after = service.lint(fixed);
        const where = `${file} ${what}: '${fix.title}' for ${code}`;
        assert.ok(
          after.filter((f) => f.code === code).length < before.filter((f) => f.code === code).length,
          `${where} left the problem`,
        );
        const added = after.filter(
          (f) => f.severity === 'error' && f.code !== code && !errorsBefore.has(`${f.code}|${f.message}`),
        );
        assert.deepEqual(
          added.map((f) => `${f.code}: ${f.message}`),
          [],
          `${where} added errors`,
        );
        fixedCodes.add(code);
      }
    }
  });
}

test('the sweep exercised the fixes of many different rules', () => {
  // A floor, so the sweep cannot silently stop finding fixes; the list is printed for the record.
  console.log(`rules whose fix the sweep applied: ${[...fixedCodes].sort().join(', ')}`);
  assert.ok(fixedCodes.size >= 28, `only ${fixedCodes.size} rules: ${[...fixedCodes].join(', ')}`);
});
