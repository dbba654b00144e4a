/**
 * The runbook TextMate grammar (syntaxes/runbook.tmLanguage.json).
 *
 * - Snapshots: every fixtures/*.runbook.yaml is tokenized and compared with its .snap, a listing of
 *   each source line and, under it, each token that carries a runbook scope. Any difference fails;
 *   `UPDATE_SNAPSHOTS=1 node --import tsx --test test/unit/grammar/grammar.test.ts` rewrites them.
 * - Explicit scopes for the tokens that matter (action id, step id, after references, suppression
 *   directive and rule id, top-level keys, scenario) and for every id in the action catalogue.
 * - Robustness: the grammar only adds scopes; every character keeps the YAML scopes it gets from
 *   source.yaml alone, except inside an `after:` block list, where the grammar stands in for YAML.
 *
 * The tests run on a small YAML stub (yaml-stub.tmLanguage.json) and, when this machine has the
 * VS Code that the e2e tests install, again on the YAML grammars that VS Code really ships; the
 * snapshots are written from the stub and must then come out the same on VS Code's grammar.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIONS } from '../../../core/model/catalogue/actions';
import { SCENARIOS } from '../../../core/model/catalogue/enums';
import {
  type Host,
  type Token,
  isRunbookScope,
  shownScopes,
  tokenize,
  tokensWithText,
  vscodeYamlSyntaxes,
} from './textmate';

const FIXTURES = join(__dirname, 'fixtures');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

// ---------------------------------------------------------------- snapshots

function renderSnapshot(name: string, source: string, lines: Token[][]): string {
  const out = [
    `# Runbook scopes of ${name}.`,
    '# Each source line, then each of its tokens that has a runbook scope: ^ under its text, the text, its scopes.',
    '# Written by test/unit/grammar/grammar.test.ts; rewrite with UPDATE_SNAPSHOTS=1 and review the diff.',
    '',
  ];
  const sourceLines = source.split(/\r?\n/);
  const width = String(sourceLines.length).length;
  sourceLines.forEach((text, i) => {
    const gutter = String(i + 1).padStart(width);
    out.push(`${gutter} | ${text}`.trimEnd());
    for (const t of lines[i] ?? []) {
      const scopes = shownScopes(t);
      if (!scopes.length || t.end <= t.start) continue;
      const marker = ' '.repeat(t.start) + '^'.repeat(t.end - t.start);
      out.push(`${' '.repeat(width)} | ${marker} ${JSON.stringify(t.text)} → ${scopes.join(' ')}`);
    }
  });
  return out.join('\n') + '\n';
}

const fixtureNames = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.runbook.yaml'))
  .sort();

describe('grammar snapshots', () => {
  test('there are fixtures', () => assert.ok(fixtureNames.length >= 4, fixtureNames.join(', ')));

  for (const name of fixtureNames) {
    test(name, async () => {
      const source = readFileSync(join(FIXTURES, name), 'utf8');
      const actual = renderSnapshot(name, source, await tokenize(source));
      const snapPath = join(FIXTURES, name.replace(/\.runbook\.yaml$/, '.snap'));
      if (UPDATE) {
        writeFileSync(snapPath, actual);
        return;
      }
      let expected: string;
      try {
        expected = readFileSync(snapPath, 'utf8');
      } catch {
        assert.fail(`${snapPath} is missing; run with UPDATE_SNAPSHOTS=1 to write it`);
      }
      assert.equal(
        actual,
        expected,
        `${name} tokenizes differently from ${snapPath}; if intended, rerun with UPDATE_SNAPSHOTS=1`,
      );
    });
  }
});

// ---------------------------------------------------------------- explicit scopes

/** The single token with this text on the given (1-based) line. */
function tokenAt(lines: Token[][], lineNumber: number, text: string): Token {
  const found = (lines[lineNumber - 1] ?? []).filter((t) => t.text === text);
  assert.equal(
    found.length,
    1,
    `expected one token ${JSON.stringify(text)} on line ${lineNumber}, got ` +
      JSON.stringify((lines[lineNumber - 1] ?? []).map((t) => t.text)),
  );
  return found[0];
}

function assertScopes(t: Token, expected: string[], context: string): void {
  for (const scope of expected) {
    assert.ok(
      t.scopes.includes(scope),
      `${context}: ${JSON.stringify(t.text)} lacks ${scope}; has ${t.scopes.join(' ')}`,
    );
  }
}

function assertNoRunbookScope(lines: Token[][], lineNumber: number, context: string): void {
  for (const t of lines[lineNumber - 1] ?? []) {
    assert.deepEqual(
      shownScopes(t),
      [],
      `${context}: ${JSON.stringify(t.text)} on line ${lineNumber} got runbook scopes`,
    );
  }
}

const SAMPLE = `# runbook-disable restore-capacity -- checked by the storage team
runbook: 1
title: Restore the Sales store
scenario: database-restore
server:
  name: EXCH01
steps:
  - id: dismount-sales
    action: database.dismount
  # runbook-disable-next-line copy-before-restore -- disk D failed; nothing left to copy
  - id: restore-sales
    action: database.restore
    after: [dismount-sales]
    notes: |
      action: windows.install
  - id: mount-sales
    action: database.mount
    after:
      - restore-sales
    title: "id: not-a-step"
`;

const HOSTS: Array<{ host: Host; skip: string | false }> = [
  { host: 'stub', skip: false },
  {
    host: 'vscode',
    skip: vscodeYamlSyntaxes()
      ? false
      : "VS Code's YAML grammars are not on this machine (scripts/install-code-server.sh puts them in .cache/code-server)",
  },
];

for (const { host, skip } of HOSTS) {
  describe(`runbook scopes on the ${host} YAML grammar`, { skip }, () => {
    test('action id: the whole id is a function name, the namespace is told apart', async () => {
      const lines = await tokenize(SAMPLE, host);
      assertScopes(
        tokenAt(lines, 12, 'database'),
        ['entity.name.function.action.runbook', 'entity.name.namespace.action.runbook'],
        'namespace',
      );
      assertScopes(
        tokenAt(lines, 12, '.'),
        ['entity.name.function.action.runbook', 'punctuation.separator.namespace.runbook'],
        'dot',
      );
      const name = tokenAt(lines, 12, 'restore');
      assert.deepEqual(shownScopes(name), ['entity.name.function.action.runbook']);
      // Nested inside the YAML scalar, so YAML's own scopes stay.
      assertScopes(name, ['string.unquoted.plain.out.yaml'], 'action name');
    });

    test('step id after id:', async () => {
      const lines = await tokenize(SAMPLE, host);
      assert.deepEqual(shownScopes(tokenAt(lines, 11, 'restore-sales')), ['entity.name.tag.step-id.runbook']);
      assert.deepEqual(shownScopes(tokenAt(lines, 8, 'dismount-sales')), ['entity.name.tag.step-id.runbook']);
    });

    test('after: references in a flow list and in a block list', async () => {
      const lines = await tokenize(SAMPLE, host);
      const flow = tokenAt(lines, 13, 'dismount-sales');
      assert.deepEqual(shownScopes(flow), ['variable.other.step-reference.runbook']);
      assertScopes(flow, ['meta.flow.sequence.yaml'], 'flow reference');
      const block = tokenAt(lines, 19, 'restore-sales');
      assert.deepEqual(shownScopes(block), ['variable.other.step-reference.runbook']);
      assertScopes(tokenAt(lines, 19, '-'), ['punctuation.definition.block.sequence.item.yaml'], 'block list dash');
      // The block list ends where the step's next key starts: that key is YAML again.
      assertScopes(tokenAt(lines, 20, 'title'), ['entity.name.tag.yaml'], 'key after the list');
      assert.ok(!tokenAt(lines, 20, 'title').scopes.some(isRunbookScope), 'the key after the list is outside the list');
    });

    test('suppression comments: directive and rule id', async () => {
      const lines = await tokenize(SAMPLE, host);
      assertScopes(
        tokenAt(lines, 1, 'runbook-disable'),
        ['comment.line.number-sign.yaml', 'keyword.control.directive.runbook'],
        'file directive',
      );
      assertScopes(tokenAt(lines, 1, 'restore-capacity'), ['constant.other.rule-id.runbook'], 'file rule id');
      assertScopes(
        tokenAt(lines, 10, 'runbook-disable-next-line'),
        ['keyword.control.directive.runbook'],
        'line directive',
      );
      assertScopes(
        tokenAt(lines, 10, 'copy-before-restore'),
        ['comment.line.number-sign.yaml', 'constant.other.rule-id.runbook'],
        'line rule id',
      );
      assertScopes(tokenAt(lines, 10, '--'), ['punctuation.separator.reason.runbook'], 'reason separator');
    });

    test('top-level keys and the scenario id', async () => {
      const lines = await tokenize(SAMPLE, host);
      for (const [line, key] of [
        [2, 'runbook'],
        [3, 'title'],
        [4, 'scenario'],
        [5, 'server'],
        [7, 'steps'],
      ] as const) {
        const t = tokenAt(lines, line, key);
        assert.deepEqual(shownScopes(t), ['keyword.other.runbook'], key);
        assertScopes(t, ['entity.name.tag.yaml'], key);
      }
      assert.deepEqual(shownScopes(tokenAt(lines, 6, 'name')), [], 'a nested key is an ordinary YAML key');
      assert.deepEqual(shownScopes(tokenAt(lines, 4, 'database-restore')), ['constant.language.scenario.runbook']);
    });

    test('look-alikes inside a block scalar or a quoted string stay text', async () => {
      const lines = await tokenize(SAMPLE, host);
      assertNoRunbookScope(lines, 15, 'block scalar');
      const quoted = tokensWithText(lines, 'id: not-a-step');
      assert.equal(quoted.length, 1, 'the quoted string is one token');
      assert.deepEqual(shownScopes(quoted[0]), [], 'quoted string');
    });

    test('every action id of the catalogue is highlighted whole', async () => {
      const text = 'steps:\n' + ACTIONS.map((a, i) => `  - id: s${i}\n    action: ${a.id}\n`).join('');
      const lines = await tokenize(text, host);
      ACTIONS.forEach((a, i) => {
        const tokens = lines[2 + 2 * i].filter((t) => shownScopes(t).length);
        assert.equal(tokens.map((t) => t.text).join(''), a.id, `${a.id} is highlighted as a whole`);
        assert.ok(
          tokens.every((t) => t.scopes.includes('entity.name.function.action.runbook')),
          a.id,
        );
        const dot = a.id.lastIndexOf('.');
        if (dot > 0) {
          assertScopes(tokens[0], ['entity.name.namespace.action.runbook'], a.id);
          assert.equal(tokens[0].text, a.id.slice(0, dot), `${a.id}: namespace`);
        }
      });
    });

    test('every scenario id is highlighted', async () => {
      for (const scenario of SCENARIOS) {
        const lines = await tokenize(`runbook: 1\nscenario: ${scenario}\n`, host);
        assert.deepEqual(shownScopes(tokenAt(lines, 2, scenario)), ['constant.language.scenario.runbook'], scenario);
      }
    });

    // The snapshots are written from the stub; VS Code's grammar must give the same runbook tokens.
    if (host !== 'stub') {
      test('the fixtures give the tokens of their snapshots', async () => {
        for (const name of fixtureNames) {
          const source = readFileSync(join(FIXTURES, name), 'utf8');
          const expected = readFileSync(join(FIXTURES, name.replace(/\.runbook\.yaml$/, '.snap')), 'utf8');
          assert.equal(
            renderSnapshot(name, source, await tokenize(source, host)),
            expected,
            `${name} on the ${host} YAML grammar`,
          );
        }
      });
    }

    test('the grammar only adds scopes: YAML highlighting is unchanged around and under the runbook tokens', async () => {
      const documents = [SAMPLE, ...fixtureNames.map((f) => readFileSync(join(FIXTURES, f), 'utf8'))];
      for (const text of documents) {
        const runbook = await tokenize(text, host, 'source.runbook');
        const yaml = await tokenize(text, host, 'source.yaml');
        text.split(/\r?\n/).forEach((lineText, i) => {
          for (let col = 0; col < lineText.length; col++) {
            const withRunbook = scopesAt(runbook[i], col);
            // In an after: block list the grammar tokenizes the list itself.
            if (withRunbook.includes('meta.step-references.runbook')) continue;
            assert.deepEqual(
              withRunbook.filter((s) => !isRunbookScope(s)),
              scopesAt(yaml[i], col),
              `line ${i + 1} column ${col + 1} (${JSON.stringify(lineText)}): YAML scopes changed`,
            );
          }
        });
      }
    });
  });
}

function scopesAt(tokens: Token[], col: number): string[] {
  const t = tokens.find((x) => x.start <= col && col < x.end);
  assert.ok(t, `no token at column ${col + 1}`);
  return t.scopes;
}
