/** The whole-file parse (used when anchors or aliases defeat chunking) numbers steps like the chunked one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunbook } from '../../../core/model/parse/parseRunbook';

test('an empty list item is a step of its own, indexes are positions, and aliases resolve into step values', () => {
  const text =
    'runbook: 1\ntitle: &t Restore\nscenario: backup\nserver: { name: X }\nsteps:\n  -\n  - id: a\n    action: manual\n    notes: *t\n  - id: b\n    action: manual\n';
  const parsed = parseRunbook(text);
  // Each step's index is its position in parsed.steps (rules and fixes look steps up by it).
  assert.deepEqual(
    parsed.steps.map((s) => [s.index, s.id]),
    [
      [0, undefined],
      [1, 'a'],
      [2, 'b'],
    ],
  );
  assert.equal(parsed.steps.find((s) => s.id === 'a')?.value.notes, 'Restore');
});
