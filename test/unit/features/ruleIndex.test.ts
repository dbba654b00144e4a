/** Hover's "rules that check this action" comes from what each rule declares it reads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTION_BY_ID } from '../../../core/model/catalogue/actions';
import { asFixData } from '../../../core/model/fixData';
import { BUILTIN_RULES } from '../../../core/rules/exchange2000';
import { compile } from '../../../core/rules/declarative/compile';
import { buildRuleIndex, rulesReading } from '../../../core/service/features/ruleIndex';

test('every action a built-in rule reads is in the catalogue', () => {
  for (const rule of BUILTIN_RULES)
    for (const action of rule.reads) assert.ok(ACTION_BY_ID.has(action), `${rule.id} reads unknown action ${action}`);
});

test('a declarative rule reads the actions of all its matchers', () => {
  const rule = compile({
    kind: 'order',
    id: 't/x',
    severity: 'error',
    summary: 's',
    message: 'm',
    before: { action: 'database.dismount' },
    after: { action: ['database.restore', 'database.mount'] },
    afterFollows: { action: 'store.verify-running' },
  });
  assert.deepEqual(rule.reads, ['database.dismount', 'database.restore', 'database.mount', 'store.verify-running']);
  assert.deepEqual([...(buildRuleIndex([rule]).get('database.mount') ?? [])], ['t/x']);
});

test('coded rules are listed under what they read, and rules about every step under nothing', () => {
  assert.ok(rulesReading('database.restore').includes('restore-sequence'));
  assert.ok(rulesReading('prereq.confirm').includes('requirements-confirmed'));
  assert.ok(rulesReading('database.dismount').includes('unknown-database'), 'inventory names are read per action');
  for (const action of ['database.restore', 'manual', 'server.restart'])
    for (const id of ['unknown-action', 'duplicate-step-id', 'no-secrets'])
      assert.ok(!rulesReading(action).includes(id), `${id} under ${action}`);
});

test('quick-fix data coming back from the editor is used only when it names a known kind', () => {
  assert.equal(asFixData(undefined), undefined);
  assert.equal(asFixData({ fix: 'format-disk', step: 1 }), undefined);
  assert.equal(asFixData({ move: 1 }), undefined);
  assert.deepEqual(asFixData({ fix: 'rename-duplicate', step: 2 }), { fix: 'rename-duplicate', step: 2 });
});
