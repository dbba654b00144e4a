/** A diagnostic links to a page that exists: ours in docs/rules, a team rule's own docUrl, or none. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService, ruleDocs } from '../../core/service';
import { parsePack } from '../../core/rules/packs/parsePack';
import { BUILTIN_RULES } from '../../core/rules/exchange2000';

test('every code with a built-in page links to a file that exists in docs/rules', () => {
  const docs = ruleDocs([], 'BASE');
  for (const code of [
    ...BUILTIN_RULES.map((r) => r.id),
    'schema',
    'yaml-syntax',
    'large-file',
    'suppression-without-reason',
    'unused-suppression',
  ]) {
    const href = docs(code)!;
    assert.ok(existsSync(join(__dirname, '../../docs/rules', href.replace('BASE/', ''))), `${code}: ${href}`);
  }
});

test('the large-file notice links to its page and comes only over the limit', () => {
  const step = (i: number) =>
    `  - id: s${i}\n    action: manual\n    title: Check the console of node ${i} and write down what it shows\n`;
  const head = 'runbook: 1\ntitle: t\nscenario: backup\nserver: { name: X }\nsteps:\n';
  const text = head + Array.from({ length: 40 }, (_, i) => step(i)).join('');
  const service = createLanguageService({ fullCheckChars: text.length - 1 });
  const over = service.analyze('file:///big.runbook.yaml', text).diagnostics.filter((d) => d.code === 'large-file');
  assert.equal(over.length, 1);
  const href = over[0].codeDescription?.href ?? '';
  assert.match(href, /docs\/rules\/large-file\.md$/);
  assert.ok(existsSync(join(__dirname, '../../docs/rules/large-file.md')));
  const under = createLanguageService({ fullCheckChars: text.length }).analyze('file:///big.runbook.yaml', text);
  assert.ok(!under.diagnostics.some((d) => d.code === 'large-file'));
});

test('a team rule links to its docUrl when it has one, and to nothing when not', () => {
  const pack = parsePack(
    [
      'pack: 1',
      'rules:',
      '  - { id: t/with-page, kind: requires, severity: warning, summary: s, message: m, docUrl: "https://wiki.example/with-page", step: { action: backup.verify-log } }',
      '  - { id: t/no-page, kind: requires, severity: warning, summary: s, message: m, step: { action: backup.verify-restore } }',
      '',
    ].join('\n'),
    new Set(BUILTIN_RULES.map((r) => r.id)),
  );
  assert.deepEqual(pack.findings, []);
  const service = createLanguageService({ extraRules: pack.rules });
  const { diagnostics } = service.analyze(
    'file:///x.runbook.yaml',
    'runbook: 1\ntitle: t\nscenario: backup\nserver: { name: X }\nsteps:\n  - id: a\n    action: manual\n',
  );
  const href = (code: string) => diagnostics.find((d) => d.code === code)?.codeDescription?.href;
  assert.equal(href('t/with-page'), 'https://wiki.example/with-page');
  assert.ok(diagnostics.some((d) => d.code === 't/no-page'));
  assert.equal(href('t/no-page'), undefined);
  assert.match(href('verify-backup') ?? '', /docs\/rules\/verify-backup\.md$/);
});
