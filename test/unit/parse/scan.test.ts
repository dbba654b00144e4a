/** The whole-text scans are done around the edit only: they must still see what an edit adds or removes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParseCache, parseRunbook } from '../../../core/model/parse/parseRunbook';

const clean = readFileSync(join(__dirname, '../fixes/fixtures/member-server.runbook.yaml'), 'utf8');
const at = clean.indexOf('final-restart');

test('a binary character typed into a clean runbook is found, and forgotten once removed', () => {
  const cache = new ParseCache();
  assert.equal(parseRunbook(clean, cache).binaryAt, -1);
  const withBinary = `${clean.slice(0, at)}\u0001${clean.slice(at)}`;
  assert.equal(parseRunbook(withBinary, cache).binaryAt, at);
  assert.equal(parseRunbook(clean, cache).binaryAt, -1);
});

test('an alias typed into a chunked runbook makes the parse fall back to the whole file, with the same result', () => {
  const cache = new ParseCache();
  parseRunbook(clean, cache);
  const withAnchor = clean
    .replace('title: Restore', 'title: &t Restore')
    .replace('  - id: final-restart\n', '  - id: final-restart\n    notes: *t\n');
  const incremental = parseRunbook(withAnchor, cache);
  const fresh = parseRunbook(withAnchor);
  assert.deepEqual(
    incremental.steps.map((s) => s.value),
    fresh.steps.map((s) => s.value),
  );
  assert.ok(
    incremental.steps.some((s) => typeof s.value.notes === 'string' && s.value.notes.startsWith('Restore')),
    'the alias resolved',
  );
});

test('a document marker typed at a line start gives what a fresh parse gives', () => {
  const cache = new ParseCache();
  parseRunbook(clean, cache);
  const marked = `${clean}---\nrunbook: 1\n`;
  const inc = parseRunbook(marked, cache);
  const fresh = parseRunbook(marked);
  assert.deepEqual(inc.syntax, fresh.syntax);
  assert.deepEqual(
    inc.steps.map((s) => s.value),
    fresh.steps.map((s) => s.value),
  );
});

test('after many random one-character edits the incremental parse equals a fresh one', () => {
  const cache = new ParseCache();
  let text = clean;
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const alphabet = 'abc -:#\n&*[]{}"\'\u0002x';
  for (let k = 0; k < 300; k++) {
    const pos = rand(text.length);
    text =
      rand(3) === 0
        ? text.slice(0, pos) + text.slice(pos + 1)
        : text.slice(0, pos) + alphabet[rand(alphabet.length)] + text.slice(pos);
    const inc = parseRunbook(text, cache);
    const fresh = parseRunbook(text);
    assert.equal(inc.binaryAt, fresh.binaryAt, `binary at edit ${k}`);
    assert.deepEqual(
      inc.steps.map((s) => [s.span, s.value]),
      fresh.steps.map((s) => [s.span, s.value]),
      `steps at edit ${k}`,
    );
    assert.deepEqual(inc.syntax, fresh.syntax, `syntax at edit ${k}`);
  }
});
