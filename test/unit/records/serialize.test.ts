import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventLine, serializeRecord } from '../../../core/records/serialize';
import { parseRecord } from '../../../core/records/parse';
import { foldRun } from '../../../core/records/fold';
import type { RunEvent } from '../../../core/records/events';
import { shuffled, start, T } from './helpers';

const events = (): RunEvent[] => [
  start(),
  { at: T(60), by: 'Alice', event: 'done', step: 'confirm-backup', note: 'Tape 14 — «checked»' },
  { at: T(120), by: 'Bob', event: 'done', step: 'dismount-store' },
  { at: T(120), by: 'Alice', event: 'note', step: 'dismount-store', note: 'help desk told' },
  { at: T(180), by: 'Bob', event: 'skip', step: 'copy-files', reason: 'disk is new' },
  { at: T(240), by: 'Alice', event: 'done', step: 'check-disk', evidence: { z: '1', a: '2' } },
  { at: T(300), by: 'Bob', event: 'undo', step: 'check-disk', reason: 'wrong drive' },
  { at: T(360), by: 'Bob', event: 'done', step: 'check-disk' },
];

test('the same run always serialises to the same bytes, whatever order the events come in', () => {
  const expected = serializeRecord(events());
  for (let seed = 1; seed <= 25; seed++) assert.equal(serializeRecord(shuffled(events(), seed)), expected);
  assert.ok(expected.endsWith('\n'));
  assert.equal(expected.split('\n').length, events().length + 1);
});

test('a line has its fields in a fixed order and evidence keys sorted', () => {
  const line = eventLine({ evidence: { z: '1', a: '2' }, step: 's', event: 'done', by: 'A', at: T(1) } as RunEvent);
  assert.equal(line, `{"at":"${T(1)}","by":"A","event":"done","step":"s","evidence":{"a":"2","z":"1"}}`);
});

test('lines are sorted by time, then operator, then step', () => {
  const text = serializeRecord(events());
  const lines = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RunEvent);
  assert.equal(lines[0].event, 'start');
  // T(120): Alice's note sorts before Bob's tick.
  assert.deepEqual(
    lines.slice(2, 4).map((e) => e.by),
    ['Alice', 'Bob'],
  );
});

test('round trip: parse(serialise(events)) gives the events back, and serialising again the same bytes', () => {
  const text = serializeRecord(events());
  const parsed = parseRecord(text);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.events.length, events().length);
  assert.equal(serializeRecord(parsed.events), text);
  assert.equal(parsed.start?.by, 'Alice');
});

test('the fold is the same after the lines are shuffled (what a union merge may do)', () => {
  const text = serializeRecord(events());
  const lines = text.trim().split('\n');
  const reference = foldRun(parseRecord(text).events);
  for (let seed = 1; seed <= 25; seed++) {
    const state = foldRun(parseRecord(`${shuffled(lines, seed).join('\n')}\n`).events);
    assert.deepEqual([...state.steps.entries()], [...reference.steps.entries()]);
    assert.equal(state.finished, reference.finished);
  }
  const s = reference.steps;
  assert.equal(s.get('confirm-backup')?.status, 'done');
  assert.equal(s.get('copy-files')?.status, 'skipped');
  assert.equal(s.get('copy-files')?.reason, 'disk is new');
  assert.equal(s.get('check-disk')?.status, 'done');
  assert.equal(s.get('check-disk')?.at, T(360));
  assert.equal(s.get('check-disk')?.evidence, undefined, 'a later tick does not keep the evidence of an undone one');
  assert.deepEqual(
    s.get('dismount-store')?.notes.map((n) => n.text),
    ['help desk told'],
  );
  assert.deepEqual(reference.operators, ['Alice', 'Bob']);
});

test('a line kept twice (both sides of a union merge) counts once and is written once', () => {
  const text = serializeRecord(events());
  const lines = text.trim().split('\n');
  const doubled = `${[...lines, lines[1], lines[4]].join('\n')}\n`;
  const parsed = parseRecord(doubled);
  assert.deepEqual(parsed.problems, []);
  assert.equal(serializeRecord(parsed.events), text);
});

test('finish and reopen: the last one wins', () => {
  const state = foldRun([
    ...events(),
    { at: T(400), by: 'Bob', event: 'finish' },
    { at: T(500), by: 'Alice', event: 'reopen', reason: 'forgot the mount' },
    { at: T(600), by: 'Alice', event: 'finish', note: 'all done' },
  ]);
  assert.equal(state.finished, true);
  assert.equal(state.finishedAt, T(600));
  assert.deepEqual(
    state.notes.map((n) => n.text),
    ['forgot the mount', 'all done'],
  );
});
