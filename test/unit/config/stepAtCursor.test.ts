/** The "tick the step at the cursor" key finds the step a line belongs to, or none. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepIdAt } from '../../../client/src/stepAtCursor';

const text = [
  'runbook: 1', // 0
  'title: t', // 1
  'steps:', // 2
  '  - id: stop-services', // 3
  '    action: windows.stop-service', // 4
  '    with:', // 5
  '      services: [a, b]', // 6
  '  - action: manual', // 7
  '    id: check-logs', // 8
  '    with: { check: logs }', // 9
  '  - id: "quoted-id"  # why', // 10
  '    after:', // 11
  '      - stop-services', // 12
].join('\n');

test('a line inside a step gives that step, whether id comes first or later', () => {
  assert.equal(stepIdAt(text, 3), 'stop-services');
  assert.equal(stepIdAt(text, 6), 'stop-services');
  assert.equal(stepIdAt(text, 9), 'check-logs');
  assert.equal(stepIdAt(text, 12), 'quoted-id', 'a nested list item is still inside its step');
});

test('a line outside the steps gives none', () => {
  assert.equal(stepIdAt(text, 1), undefined);
  assert.equal(stepIdAt(text, 2), undefined);
});
