/** Team packs from texts: what the web worker server does with the files the client read for it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packsFromTexts, PACK_URI } from '../../../server/src/packTexts';
import { BUILTIN_RULES } from '../../../core/rules/exchange2000';

const builtinIds = BUILTIN_RULES.map((r) => r.id);
const pack = (id: string) =>
  `pack: 1\nrules:\n  - id: ${id}\n    kind: requires\n    severity: warning\n    summary: s\n    message: m\n    step: { action: manual, with: { check: smoke } }\n`;

test('packs of a virtual folder load in the given order; a later duplicate id is reported in the later pack', () => {
  const a = 'vscode-vfs://github/org/repo/.runbook/rules/a.yaml';
  const b = 'vscode-vfs://github/org/repo/.runbook/rules/b.yaml';
  const { rules, diagnostics } = packsFromTexts(
    [
      { uri: a, text: pack('team/smoke') },
      { uri: b, text: pack('team/smoke') },
    ],
    builtinIds,
  );
  assert.deepEqual(
    rules.map((r) => r.id),
    ['team/smoke'],
  );
  assert.deepEqual(diagnostics.get(a), []);
  assert.equal(diagnostics.get(b)?.length, 1);
  assert.match(String(diagnostics.get(b)![0].message), /team\/smoke/);
});

test('a pack that reuses a built-in rule id gets a diagnostic at that id and adds no rule', () => {
  const uri = 'vscode-remote://host/ws/.runbook/rules/clash.yml';
  const text = pack(builtinIds[0]);
  const { rules, diagnostics } = packsFromTexts([{ uri, text }], builtinIds);
  assert.deepEqual(rules, []);
  const [d] = diagnostics.get(uri)!;
  assert.equal(d.range.start.line, 2, 'the problem points at the id line');
});

test('pack URIs are recognised in every scheme, and only under .runbook/rules', () => {
  assert.ok(PACK_URI.test('vscode-vfs://github/org/repo/.runbook/rules/team.yaml'));
  assert.ok(PACK_URI.test('file:///ws/.runbook/rules/team.yml'));
  assert.ok(!PACK_URI.test('vscode-vfs://github/org/repo/.runbook/team.yaml'));
  assert.ok(!PACK_URI.test('file:///ws/.runbook/rules/nested/team.yaml'));
});
