/** `.runbookrc.json`: reading one file, and the merge order (top of the walk, then nearer, then settings). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeSeverities, parseConfigFile } from '../../../core/service/projectConfig';

test('a file gives its rules and root flag; bad parts are named and dropped', () => {
  assert.deepEqual(parseConfigFile('{ "root": true, "rules": { "a": "off", "b": "hint" } }'), {
    config: { root: true, rules: { a: 'off', b: 'hint' } },
    problems: [],
  });
  const bad = parseConfigFile('{ "root": "yes", "rules": { "a": "loud", "b": "warning" } }');
  assert.deepEqual(bad.config, { root: false, rules: { b: 'warning' } });
  assert.deepEqual(
    bad.problems.map((p) => p.message),
    ['"root" must be true or false', 'rules.a must be one of error, warning, information, hint, off'],
  );
  assert.match(parseConfigFile('{ rules: ').problems[0].message, /^not valid JSON/);
  assert.deepEqual(parseConfigFile('[]').problems, [{ message: 'must be a JSON object' }]);
  assert.deepEqual(parseConfigFile('{ "rules": [] }').problems, [
    { message: '"rules" must be an object of rule id → level' },
  ]);
});

test('nearest file wins per rule, the others keep theirs; editor settings win over every file', () => {
  const top = { root: false, rules: { a: 'off', b: 'hint' } } as const;
  const near = { root: false, rules: { b: 'error', c: 'warning' } } as const;
  assert.deepEqual(mergeSeverities([top, near]), { a: 'off', b: 'error', c: 'warning' });
  assert.deepEqual(mergeSeverities([top, near], { c: 'off' }), { a: 'off', b: 'error', c: 'off' });
  assert.deepEqual(mergeSeverities([]), {});
});
