import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecord } from '../../../core/records/parse';
import { serializeRecord } from '../../../core/records/serialize';
import { start, T } from './helpers';

const good = serializeRecord([start(), { at: T(60), by: 'Alice', event: 'done', step: 'confirm-backup' }]);
const [startLine, tickLine] = good.trim().split('\n');

function problems(text: string): string[] {
  return parseRecord(text).problems.map((p) => `${p.line}: ${p.message}`);
}

test('git conflict markers are errors on their lines', () => {
  const bob = JSON.stringify({ at: T(61), by: 'Bob', event: 'done', step: 'dismount-store' });
  const text = `${startLine}\n<<<<<<< HEAD\n${tickLine}\n=======\n${bob}\n>>>>>>> 1234abc\n`;
  const found = parseRecord(text).problems;
  assert.deepEqual(
    found.map((p) => p.line),
    [2, 4, 6],
  );
  assert.match(found[0].message, /conflict marker '<<<<<<<'/);
  assert.match(found[0].message, /merge=union/);
});

test('a truncated last line is named as such, with its line number', () => {
  const text = `${startLine}\n${tickLine.slice(0, 30)}`;
  assert.deepEqual(problems(text), ['2: the last line is cut off (the file looks truncated)']);
});

test('a broken line in the middle is not JSON, with its line number', () => {
  const text = `${startLine}\n{"at": oops\n${tickLine}\n`;
  const p = parseRecord(text).problems;
  assert.equal(p.length, 1);
  assert.equal(p[0].line, 2);
  assert.match(p[0].message, /^not a JSON event/);
});

test('events with bad fields are named by line', () => {
  const lines = [
    startLine,
    JSON.stringify({ at: '2026-11-25 09:00', by: 'A', event: 'done', step: 'x' }),
    JSON.stringify({ at: T(1), by: '', event: 'done', step: 'x' }),
    JSON.stringify({ at: T(1), by: 'A', event: 'explode', step: 'x' }),
    JSON.stringify({ at: T(1), by: 'A', event: 'skip', step: 'x' }),
    JSON.stringify({ at: T(1), by: 'A', event: 'done', step: 'x', colour: 'red' }),
    JSON.stringify({ at: T(1), by: 'A', event: 'done', step: 'x', evidence: { a: 1 } }),
    '[1,2]',
  ];
  assert.deepEqual(problems(`${lines.join('\n')}\n`), [
    '2: "at" must be a UTC ISO 8601 time such as 2026-11-25T09:00:00.000Z',
    '3: "by" (the operator) must be a non-empty text',
    "4: unknown event 'explode' (written by a newer version?)",
    '5: a skip event needs "reason"',
    '6: unknown field "colour" in a done event',
    '7: "evidence" must map keys to texts',
    '8: not a JSON object',
  ]);
});

test('an empty record, a record without start, and two different starts are errors', () => {
  assert.deepEqual(problems(''), ['1: the record is empty (no start event)']);
  assert.deepEqual(problems(`${tickLine}\n`), ['1: no start event']);
  const other = JSON.stringify({ ...JSON.parse(startLine), by: 'Mallory' });
  assert.deepEqual(problems(`${startLine}\n${other}\n`), [
    '2: a second, different start event: one file holds one run',
  ]);
});

test('blank lines and CRLF line ends are accepted', () => {
  const text = `${startLine}\r\n\r\n${tickLine}\r\n`;
  const parsed = parseRecord(text);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.events.length, 2);
});

test('an unsupported format version is refused', () => {
  const v2 = JSON.stringify({ ...JSON.parse(startLine), format: 2 });
  assert.deepEqual(problems(`${v2}\n`), ['1: format 2 is not supported (this version reads format 1)']);
});
