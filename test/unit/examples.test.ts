/**
 * The runbooks under examples/: every complete example lints with no finding at all, and every
 * runbook under examples/broken/ reports exactly the rule codes its `# expect:` line names.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../core/service';
import { SCENARIOS } from '../../core/model/catalogue/enums';
import type { Finding } from '../../core/model/findings';

const EXAMPLES = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'examples');
const BROKEN = join(EXAMPLES, 'broken');
const runbooks = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.runbook\.ya?ml$/.test(f))
    .sort();

function analyze(file: string): { text: string; findings: Finding[]; listing: string } {
  const text = readFileSync(file, 'utf8');
  const { parsed, findings } = createLanguageService().analyze(`file://${file}`, text);
  const listing = findings
    .map((f) => {
      const at = parsed.lines.positionAt(f.span.start);
      return `  ${at.line + 1}:${at.character + 1} ${f.severity} [${f.code}] ${f.message}`;
    })
    .join('\n');
  return { text, findings, listing };
}

describe('examples/*.runbook.yaml', () => {
  test('there is one example per scenario, named after it', () => {
    const files = runbooks(EXAMPLES);
    for (const scenario of SCENARIOS)
      assert.ok(files.includes(`${scenario}.runbook.yaml`), `missing examples/${scenario}.runbook.yaml`);
    for (const file of files) {
      const scenario = file.replace(/\.runbook\.ya?ml$/, '');
      assert.match(
        readFileSync(join(EXAMPLES, file), 'utf8'),
        new RegExp(`^scenario: ${scenario}$`, 'm'),
        `${file} should be a ${scenario} runbook`,
      );
    }
  });

  for (const file of runbooks(EXAMPLES)) {
    test(`${file} has no finding of any severity`, () => {
      const { findings, listing } = analyze(join(EXAMPLES, file));
      assert.equal(findings.length, 0, `examples/${file}:\n${listing}`);
    });
  }
});

describe('examples/broken/*.runbook.yaml', () => {
  const files = runbooks(BROKEN);

  test('holds 6 to 10 broken runbooks', () => {
    assert.ok(files.length >= 6 && files.length <= 10, `found ${files.length}`);
  });

  for (const file of files) {
    test(`${file} reports exactly the codes of its # expect: line`, () => {
      const { text, findings, listing } = analyze(join(BROKEN, file));
      const m = /^# expect: *(.+)$/.exec(text.split('\n')[0]);
      assert.ok(m, `examples/broken/${file} must start with a "# expect: <rule-id>, ..." line`);
      const expected = m[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .sort();
      assert.ok(expected.length > 0, `examples/broken/${file}: empty # expect: line`);
      const actual = [...new Set(findings.map((f) => f.code))].sort();
      assert.deepEqual(actual, expected, `examples/broken/${file} reports:\n${listing}`);
    });
  }
});
