/**
 * The cursor module that completion and hover share: the path and token under the cursor on
 * valid, half-typed and broken text. These pin the cases the feature tests rely on.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunbook } from '../../../core/model/parse/parseRunbook';
import { cursorAt } from '../../../core/service/features/cursor';
import { at } from './helpers';

function where(marked: string) {
  const { text, position } = at(marked);
  const c = cursorAt(parseRunbook(text), position);
  return c && { at: c.at, path: c.path, prefix: c.prefix, word: c.word, siblings: c.siblings };
}

const STEPS = 'runbook: 1\nsteps:\n  - id: a\n    action: manual\n';

describe('cursor', () => {
  test('a blank top-level line is an entry of the root', () => {
    assert.deepEqual(where('runbook: 1\n|'), { at: 'entry', path: [], prefix: '', word: '', siblings: ['runbook'] });
  });
  test('a new item of steps, counted from the top', () => {
    assert.deepEqual(where(`${STEPS}  - |`)?.path, ['steps', 1]);
  });
  test('a key being typed, a key, a value', () => {
    assert.deepEqual(where(`${STEPS}  - id: b\n    ac|`), {
      at: 'entry',
      path: ['steps', 1],
      prefix: 'ac',
      word: 'ac',
      siblings: ['id'],
    });
    assert.deepEqual(where(`${STEPS}  - id: b\n    ac|tion: manual`), {
      at: 'key',
      path: ['steps', 1, 'action'],
      prefix: 'ac',
      word: 'action',
      siblings: ['id'],
    });
    assert.deepEqual(where(`${STEPS}  - id: b\n    action: data|base.restore`)?.path, ['steps', 1, 'action']);
  });
  test('inside with:, block and flow, and inside a flow list in a flow map', () => {
    assert.deepEqual(where(`${STEPS}    with:\n      |`)?.path, ['steps', 0, 'with']);
    assert.deepEqual(where(`${STEPS}    with: { storageGroup: SG, databases: [A, |] }`), {
      at: 'value',
      path: ['steps', 0, 'with', 'databases', 1],
      prefix: '',
      word: '',
      siblings: ['A'],
    });
    assert.deepEqual(where(`${STEPS}    with: { storageGroup: SG, | }`)?.siblings, ['storageGroup']);
  });
  test('block list items: the index among the items', () => {
    assert.deepEqual(where(`${STEPS}  - id: b\n    after:\n      - a\n      - |`)?.path, ['steps', 1, 'after', 1]);
  });
  test('an indentless list (`steps:` then `- ` at column 0)', () => {
    assert.deepEqual(where('runbook: 1\nsteps:\n- id: a\n  action: manual\n- id: b\n  after: [|]')?.path, [
      'steps',
      1,
      'after',
      0,
    ]);
  });
  test('a broken line elsewhere does not matter: the scan is by lines', () => {
    assert.deepEqual(where(`${STEPS}    with: { a: 1 }}\n  - id: b\n    action: |`)?.path, ['steps', 1, 'action']);
  });
  test('a comment, the indentation, past a value: no context', () => {
    assert.equal(where(`${STEPS}  # note |`), undefined);
    assert.equal(where(`${STEPS} | - id: b`), undefined);
    assert.equal(where(`${STEPS}    notes: x # why |`), undefined);
  });
});
