import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../../core/service';
import { parsePack } from '../../../core/rules/packs/parsePack';
import { BUILTIN_RULES } from '../../../core/rules/exchange2000';

const builtin = new Set(BUILTIN_RULES.map((r) => r.id));
const runbook = readFileSync(join(__dirname, '../fixes/fixtures/member-server.runbook.yaml'), 'utf8');
const textAt = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

const ticketPack = `pack: 1
name: contoso
rules:
  - id: contoso/change-ticket-first
    kind: requires
    severity: warning
    summary: Every recovery starts from a change ticket.
    message: Record the change ticket first (a manual step with confirms change-ticket).
    when: { scenarios: [member-server] }
    step: { action: manual, with: { confirms: change-ticket } }
  - id: contoso/no-offline-backups
    kind: field
    severity: error
    summary: Offline backups are not allowed here.
    message: "{step} uses an offline backup; our SLA forbids it."
    step: { action: backup.run }
    param: mode
    check: { notEquals: offline }
`;

test('a valid pack compiles its rules, and they report through the service', () => {
  const pack = parsePack(ticketPack, builtin);
  assert.deepEqual(pack.findings, []);
  assert.deepEqual(
    pack.rules.map((r) => r.id),
    ['contoso/change-ticket-first', 'contoso/no-offline-backups'],
  );
  const service = createLanguageService({ extraRules: pack.rules });
  const found = service.lint(runbook).filter((f) => f.code.startsWith('contoso/'));
  assert.deepEqual(
    found.map((f) => [f.code, f.severity]),
    [['contoso/change-ticket-first', 'warning']],
  );
  assert.equal(textAt(runbook, found[0].span), 'steps');
  const withTicket = runbook.replace(
    'steps:\n',
    'steps:\n  - id: change-ticket\n    action: manual\n    with: { confirms: change-ticket }\n',
  );
  assert.deepEqual(
    service.lint(withTicket).filter((f) => f.code.startsWith('contoso/')),
    [],
  );
});

test('pack severities can be overridden by settings like built-in rules', () => {
  const pack = parsePack(ticketPack, builtin);
  const service = createLanguageService({
    extraRules: pack.rules,
    severities: { 'contoso/change-ticket-first': 'off' },
  });
  assert.deepEqual(
    service.lint(runbook).filter((f) => f.code.startsWith('contoso/')),
    [],
  );
});

test('schema problems in a pack point at the offending key or value', () => {
  const bad = ticketPack.replace('kind: field', 'kind: feild').replace('severity: warning', 'severity: loud');
  const { findings, rules } = parsePack(bad, builtin);
  assert.deepEqual(
    rules.map((r) => r.id),
    [],
  );
  const texts = findings.map((f) => [f.code, textAt(bad, f.span), f.message]);
  assert.ok(
    texts.some(([c, t, m]) => c === 'rule-pack' && t === 'loud' && /not a valid severity/.test(m)),
    JSON.stringify(texts),
  );
  assert.ok(
    texts.some(([, t, m]) => t === 'feild' && /Did you mean `field`/.test(m)),
    JSON.stringify(texts),
  );
});

test('unknown actions, built-in ids, un-namespaced ids and unknown fields are refused', () => {
  const bad = ticketPack
    .replace('action: backup.run', 'action: backup.runn')
    .replace('contoso/change-ticket-first', 'dr-setup-switch');
  const { findings, rules } = parsePack(bad, builtin);
  assert.deepEqual(
    rules.map((r) => r.id),
    [],
    'neither rule is loaded',
  );
  const byText = new Map(findings.map((f) => [textAt(bad, f.span), f.message]));
  assert.match(byText.get('backup.runn') ?? '', /Unknown action `backup.runn`. Did you mean `backup.run`/);
  assert.match(byText.get('dr-setup-switch') ?? '', /is not a valid id: team\/rule-name/);
  const script = ticketPack.replace('    param: mode', '    param: mode\n    script: "process.exit(1)"');
  const withScript = parsePack(script, builtin);
  assert.ok(
    withScript.findings.some((f) => textAt(script, f.span) === 'script' && /Unknown key `script`/.test(f.message)),
    'a pack cannot carry code',
  );
  assert.deepEqual(
    withScript.rules.map((r) => r.id),
    ['contoso/change-ticket-first'],
    'the rule with a script is not loaded',
  );
});

test('an id without the team prefix is refused with a message about that prefix, not the step-id wording', () => {
  const bad = ticketPack.replace('contoso/change-ticket-first', 'change-ticket-first');
  const { findings, rules } = parsePack(bad, builtin);
  assert.deepEqual(
    rules.map((r) => r.id),
    ['contoso/no-offline-backups'],
  );
  const onId = findings.filter((f) => textAt(bad, f.span) === 'change-ticket-first');
  assert.equal(onId.length, 1, JSON.stringify(findings));
  // `change-ticket-first` is kebab-case: what it lacks is the `team/` prefix.
  assert.doesNotMatch(onId[0].message, /Step id|must be kebab-case/, onId[0].message);
  assert.match(onId[0].message, /team\/|prefix|namespace/, onId[0].message);
});

test('a pack rule id already taken by another pack is refused', () => {
  const taken = new Set([...builtin, 'contoso/no-offline-backups']);
  const { findings, rules } = parsePack(ticketPack, taken);
  assert.deepEqual(
    rules.map((r) => r.id),
    ['contoso/change-ticket-first'],
  );
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.match(findings[0].message, /already used/);
  assert.equal(textAt(ticketPack, findings[0].span), 'contoso/no-offline-backups');
});

test('YAML syntax errors in a pack are reported, and nothing is loaded', () => {
  const { findings, rules } = parsePack('pack: 1\nrules: [\n', builtin);
  assert.equal(rules.length, 0);
  assert.equal(findings[0].code, 'yaml-syntax');
});
