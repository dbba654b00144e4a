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
import { ARTICLE_FACTS, brokenFacts } from './articleFacts';

const examples = join(__dirname, '../../../examples');
const fixedCodes = new Set<string>();
/** Sweep figures, printed at the end: fixes applied, and fixed runbooks checked against the article facts. */
const figures = { fixes: 0, factChecks: 0 };

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
        // A fix must not break a fact of the article, whether or not a rule checks it.
        const factsBefore = new Set(brokenFacts(broken));
        const newlyBroken = brokenFacts(fixed).filter((f) => !factsBefore.has(f));
        assert.deepEqual(newlyBroken, [], `${where} breaks an article fact`);
        figures.fixes++;
        figures.factChecks++;
        fixedCodes.add(code);
      }
    }
  });
}

test('the sweep exercised the fixes of many different rules', () => {
  // A floor, so the sweep cannot silently stop finding fixes; the list is printed for the record.
  console.log(`rules whose fix the sweep applied: ${[...fixedCodes].sort().join(', ')}`);
  console.log(`fixes applied and checked against ${ARTICLE_FACTS.length} article facts: ${figures.fixes}`);
  assert.ok(fixedCodes.size >= 28, `only ${fixedCodes.size} rules: ${[...fixedCodes].join(', ')}`);
});

test('restore-before-dismount: the fix moves the existing dismount above the copy, and breaks no fact', () => {
  // Inserting a second, untitled dismount after the copy (the old fix) copied the files while the
  // store was mounted and dismounted it again right before the check that it is mounted.
  const broken = readFileSync(join(examples, 'broken/restore-before-dismount.runbook.yaml'), 'utf8');
  const service = createLanguageService();
  const d = service.analyze(URI, broken).diagnostics.find((x) => x.code === 'dismount-before-restore');
  assert.ok(d, 'the example draws dismount-before-restore');
  const fix = service.codeActions(URI, broken, d.range, [d]).find((a) => a.isPreferred && a.edit);
  assert.ok(fix, 'a preferred fix is offered');
  assert.match(fix.title, /^Move step 'dismount-sales-store'/);
  const fixed = applyLspEdits(broken, fix.edit!.changes![URI]);
  const ids = parseRunbook(fixed).steps.map((s) => s.id);
  assert.equal(ids.length, parseRunbook(broken).steps.length, 'no step added');
  assert.ok(ids.indexOf('dismount-sales-store') < ids.indexOf('copy-damaged-files'), ids.join(', '));
  assert.deepEqual(brokenFacts(fixed), []);
  assert.deepEqual(
    service.lint(fixed).filter((f) => f.severity === 'error' || f.severity === 'warning'),
    [],
  );
});
