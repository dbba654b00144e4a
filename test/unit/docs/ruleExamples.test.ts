/**
 * Every rule page shows an example that breaks the rule and a fixed one. Both are linted here: the
 * broken example must draw its rule, the fixed one must not, and neither may be malformed (a
 * schema error, an unknown name or a broken `after:` would make the page teach the wrong thing).
 * A page's examples are read as described in pageExamples.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../../core/service';
import { sectionOf } from '../../../core/rules/exchange2000';
import { pageExamples } from './pageExamples';

const DIR = join(__dirname, '../../../docs/rules');
const PAGES = readdirSync(DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');
/** Findings that mean the example itself is malformed, whatever rule the page is about. */
const MALFORMED = new Set([
  'schema',
  'yaml-syntax',
  'unknown-action',
  'unknown-storage-group',
  'unknown-database',
  'unknown-step-reference',
  'duplicate-step-id',
  'dependency-cycle',
  'after-points-forward',
]);

/** Findings that necessarily come with a page's own rule in its broken example. */
const COMPANIONS: Record<string, string[]> = {
  // A loop of `after:` links always has one link that points further down.
  'dependency-cycle': ['after-points-forward'],
  // A YAML error hides the rest of the file.
  'yaml-syntax': [...MALFORMED],
};

/**
 * Notices that depend on the file's size, not on what its steps say: their pages show what the
 * file looks like, and test/unit/ruleDocs.test.ts checks the notice and its link.
 */
const BY_SIZE = new Set(['large-file']);

const service = createLanguageService();
const codes = (text: string) =>
  service.analyze('file:///page.runbook.yaml', text).diagnostics.map((d) => String(d.code));

for (const page of PAGES) {
  const id = page.replace(/\.md$/, '');
  if (BY_SIZE.has(id)) {
    test(`${id}: both examples are well-formed runbooks (the notice itself depends on the size)`, () => {
      const { broken, fixed } = pageExamples(join(DIR, page));
      for (const example of [broken, fixed]) {
        const found = codes(example).filter((c) => MALFORMED.has(c));
        assert.deepEqual(found, [], `an example of ${page} is malformed:\n${example}`);
      }
    });
    continue;
  }
  test(`${id}: the broken example draws the rule, the fixed one does not`, () => {
    const { broken, fixed } = pageExamples(join(DIR, page));
    const before = codes(broken);
    assert.ok(before.includes(id), `the broken example of ${page} draws ${before.join(', ') || 'nothing'}:\n${broken}`);
    const malformedBefore = before.filter((c) => MALFORMED.has(c) && c !== id && !COMPANIONS[id]?.includes(c));
    assert.deepEqual(malformedBefore, [], `the broken example of ${page} is malformed:\n${broken}`);
    const after = codes(fixed);
    assert.ok(!after.includes(id), `the fixed example of ${page} still draws ${id}:\n${fixed}`);
    const malformedAfter = after.filter((c) => MALFORMED.has(c));
    assert.deepEqual(malformedAfter, [], `the fixed example of ${page} is malformed:\n${fixed}`);
  });
}

test('every page names its article section and the file that implements it', () => {
  for (const page of PAGES) {
    const id = page.replace(/\.md$/, '');
    const text = readFileSync(join(DIR, page), 'utf8');
    const source = /^Source: (.+)$/m.exec(text)?.[1];
    assert.ok(source, `${page} has no "Source:" line`);
    const section = sectionOf(id);
    if (section) {
      assert.ok(
        source.includes(`core/rules/exchange2000/${section.id}.ts`),
        `${page} must name core/rules/exchange2000/${section.id}.ts: ${source}`,
      );
      assert.match(source, /Article section: ("[^"]+"|none \(runbook structure)/, page);
    }
  }
});
