/** Offline docs: the server links the shipped pages, and the client turns hover links into previews. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { linksRulePage, previewLinks } from '../../../client/src/docsLinks';
import { docsFolder, rulePage } from '../../../node/docs';

test('hover links to a shipped rule page become a preview command; other links stay', () => {
  const md =
    'Check `dr-setup-switch`\n\n[What this check looks for and how to fix it](file:///ext/docs/rules/dr-setup-switch.md) [x](https://example.test/a.md)';
  assert.ok(linksRulePage(md));
  assert.equal(
    previewLinks(md),
    'Check `dr-setup-switch`\n\n[What this check looks for and how to fix it](command:runbook.showRulePage?%5B%22dr-setup-switch%22%5D) [x](https://example.test/a.md)',
  );
  assert.ok(!linksRulePage('[team](https://example.test/rules/x.md)'));
});

test('the docs are found beside a bundle in out/ and in the CLI package (dist/docs)', () => {
  const root = resolve(__dirname, '../../..');
  assert.equal(docsFolder(join(root, 'out')), join(root, 'docs'));
  assert.match(rulePage('dr-setup-switch', join(root, 'docs')) ?? '', /^# `dr-setup-switch`/);
  assert.equal(rulePage('../../package', join(root, 'docs')), undefined, 'no path outside the pages');
  assert.ok(existsSync(join(root, 'docs', 'format.md')));
});
