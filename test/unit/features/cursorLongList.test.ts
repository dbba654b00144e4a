/** In a long step list the cursor finds its step through the parse instead of walking every line above. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunbook } from '../../../core/model/parse/parseRunbook';
import { cursorAt } from '../../../core/service/features/cursor';
import { linesOf } from '../../../core/service/features/yamlLines';

const steps = Array.from(
  { length: 300 },
  (_, i) => `  - id: step-${i}\n    action: manual\n    with:\n      note: "item ${i}"\n`,
).join('');
const text = `runbook: 1\ntitle: Long\nscenario: backup\nserver:\n  name: EXCH01\nsteps:\n${steps}`;

for (const i of [0, 1, 150, 299]) {
  test(`a cursor in step ${i} of 300 has the path of that step, without reading the lines of the steps above`, () => {
    const parsed = parseRunbook(text);
    // Count the lines the walk reads in full: a line walk would read every `- id:` line above.
    const lines = linesOf(parsed);
    const shape = lines.shape.bind(lines);
    let read = 0;
    lines.shape = (l: number) => {
      read++;
      return shape(l);
    };
    const line = text.split('\n').findIndex((l) => l === `  - id: step-${i}`);
    assert.deepEqual(cursorAt(parsed, { line: line + 1, character: 14 })?.path, ['steps', i, 'action']);
    assert.deepEqual(cursorAt(parsed, { line: line + 3, character: 12 })?.path, ['steps', i, 'with', 'note']);
    assert.deepEqual(cursorAt(parsed, { line, character: 9 })?.path, ['steps', i, 'id']);
    assert.ok(read <= 20, `read ${read} lines for three cursors in step ${i}`);
  });
}
