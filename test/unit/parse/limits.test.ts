/**
 * Nesting, alias and line-length limits: one clear diagnostic each. Measured on the old code: a
 * 2 KB file of 1,000 nested `[` took seconds and printed "Maximum call stack size exceeded" 35
 * times; an alias bomb read as "not a runbook" without naming the alias.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../../core/service';
import { MAX_DEPTH, MAX_LINE_CHARS } from '../../../core/model/parse/limits';
import { RUNBOOK } from '../records/helpers';

function diagnostics(text: string) {
  return createLanguageService().analyze('file:///limits.runbook.yaml', text).diagnostics;
}

test('1,000 nested [ : one diagnostic at the bracket past the limit, no stack overflow', () => {
  for (const open of ['[', '{ a: ', '[{a: ']) {
    const text = `runbook: 1\ntitle: ${open.repeat(1000)}\n`;
    const d = diagnostics(text);
    assert.equal(d.length, 1, d.map((x) => String(x.message)).join('\n'));
    assert.match(String(d[0].message), new RegExp(`Nested more than ${MAX_DEPTH} levels`));
    assert.doesNotMatch(String(d[0].message), /call stack/);
    assert.equal(d[0].range.start.line, 1);
  }
});

test('deep block nesting by indentation: one diagnostic', () => {
  const lines = Array.from({ length: 500 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`);
  const d = diagnostics(`runbook: 1\nx:\n${lines.join('\n')}\n`);
  assert.equal(d.length, 1);
  assert.match(String(d[0].message), /Indented more than 64 levels/);
});

test('an alias bomb names the alias', () => {
  const lol = ['runbook: 1', 'a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++)
    lol.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  const d = diagnostics(`${lol.join('\n')}\n`);
  assert.equal(d.length, 1);
  assert.match(String(d[0].message), /The alias `\*a\d` expands to more than 10,000 values/);
  assert.doesNotMatch(String(d[0].message), /not a runbook/);
});

test('a line over the limit gets one diagnostic and the rest is still checked', () => {
  const text = RUNBOOK.replace('notes: Tell the help desk first.', `notes: ${'x'.repeat(MAX_LINE_CHARS + 10)}`);
  const d = diagnostics(text);
  const long = d.filter((x) => /characters long/.test(String(x.message)));
  assert.equal(long.length, 1);
  assert.deepEqual(
    d.filter((x) => x !== long[0] && x.code === 'yaml-syntax'),
    [],
  );
});

test('ordinary nesting, anchors and long-ish lines are untouched', () => {
  assert.deepEqual(
    diagnostics(RUNBOOK).filter((x) => x.code === 'yaml-syntax'),
    [],
  );
  const anchored = RUNBOOK.replace('notes: Tell the help desk first.', 'notes: &tell Tell the help desk first.');
  assert.deepEqual(
    diagnostics(anchored).filter((x) => x.code === 'yaml-syntax'),
    [],
  );
  const nested = `runbook: 1\ntitle: ${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}\n`;
  assert.ok(!diagnostics(nested).some((x) => /Nested more than/.test(String(x.message))));
});

test('1,000 block sequences on one line (`- - - … x`): one diagnostic, no stack overflow', () => {
  const d = diagnostics(`runbook: 1\nsteps:\n  ${'- '.repeat(1000)}x\n`);
  assert.equal(d.length, 1);
  assert.match(String(d[0].message), /Indented more than 64 levels/);
  assert.equal(d[0].range.start.line, 2);
});
