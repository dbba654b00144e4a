import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../core/service';

const clean = readFileSync(join(__dirname, 'fixes/fixtures/member-server.runbook.yaml'), 'utf8');
const broken = clean.replace(' /disasterrecovery', '');
const lint = (text: string) => createLanguageService().lint(text);
const codes = (text: string) => lint(text).map((f) => f.code);
const above = (text: string, needle: string, comment: string) =>
  text.replace(new RegExp(`^(\\s*)(${needle})`, 'm'), `$1${comment}\n$1$2`);

test('disable-next-line with a reason hides that rule on the next line only', () => {
  const text = above(
    broken,
    'commandLine:',
    '# runbook-disable-next-line dr-setup-switch -- Setup is started from a wrapper script that adds the switch',
  );
  assert.deepEqual(codes(text), []);
});

test('disable-next-line does not reach other lines or other rules', () => {
  const wrongLine = above(broken, 'installPath: D', '# runbook-disable-next-line dr-setup-switch -- wrong line');
  assert.deepEqual(codes(wrongLine).sort(), ['dr-setup-switch', 'unused-suppression']);
  const wrongRule = above(broken, 'commandLine:', '# runbook-disable-next-line dr-setup-same-path -- wrong rule');
  assert.deepEqual(codes(wrongRule).sort(), ['dr-setup-switch', 'unused-suppression']);
});

test('a file-level directive hides the rule everywhere', () => {
  assert.deepEqual(codes(`# runbook-disable dr-setup-switch -- our wrapper adds it\n${broken}`), []);
});

test('a directive without a reason is reported, on the directive', () => {
  const text = above(broken, 'commandLine:', '# runbook-disable-next-line dr-setup-switch');
  const found = lint(text);
  assert.deepEqual(
    found.map((f) => f.code),
    ['suppression-without-reason'],
  );
  assert.equal(text.slice(found[0].span.start, found[0].span.end), '# runbook-disable-next-line dr-setup-switch');
});

test('a directive that hides nothing is reported as unnecessary, on the rule id', () => {
  const text = `# runbook-disable prefer-online-full -- we never back up offline\n${clean}`;
  const found = lint(text);
  assert.deepEqual(
    found.map((f) => f.code),
    ['unused-suppression'],
  );
  const [f] = found;
  assert.equal(f.unnecessary, true);
  assert.equal(text.slice(f.span.start, f.span.end), 'prefer-online-full');
});

test('an unknown rule id in a directive says so', () => {
  const text = `# runbook-disable no-such-rule -- typo\n${clean}`;
  const found = lint(text);
  assert.deepEqual(
    found.map((f) => f.code),
    ['unused-suppression'],
  );
  assert.match(found[0].message, /There is no rule 'no-such-rule'/);
  assert.equal(text.slice(found[0].span.start, found[0].span.end), 'no-such-rule');
});

test('severity settings turn rules off, down or up, including the suppression checks', () => {
  const service = createLanguageService({
    severities: { 'dr-setup-switch': 'information', 'prefer-online-full': 'error' },
  });
  assert.deepEqual(
    service.lint(broken).map((f) => [f.code, f.severity]),
    [['dr-setup-switch', 'information']],
  );
  service.configure({ severities: { 'dr-setup-switch': 'off' } });
  assert.deepEqual(service.lint(broken), []);
  service.configure({ severities: { 'suppression-without-reason': 'off' } });
  assert.deepEqual(service.lint(above(broken, 'commandLine:', '# runbook-disable-next-line dr-setup-switch')), []);
});
