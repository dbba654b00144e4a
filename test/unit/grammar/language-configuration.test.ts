/**
 * language-configuration.json: the editor behaviour of the runbook language that is not the
 * grammar. VS Code compiles its patterns as JavaScript RegExps, as done here; the Enter model
 * below is VS Code's: the first onEnterRule whose beforeText matches decides, otherwise
 * indentationRules.increaseIndentPattern adds one level (editor.autoIndent "full").
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface OnEnterRule {
  beforeText: string;
  action: { indent: 'none' | 'indent' | 'outdent' | 'indentOutdent'; appendText?: string };
}
interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: Array<[string, string]>;
  autoClosingPairs: Array<{ open: string; close: string; notIn?: string[] }>;
  surroundingPairs: Array<[string, string]>;
  folding: { offSide: boolean };
  wordPattern: { pattern: string; flags: string };
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: OnEnterRule[];
}

const config = JSON.parse(
  readFileSync(join(__dirname, '../../../language-configuration.json'), 'utf8'),
) as LanguageConfiguration;
const TAB = '  '; // YAML indents with spaces; two is the runbook convention.

const words = (line: string): string[] =>
  line.match(new RegExp(config.wordPattern.pattern, config.wordPattern.flags + 'g')) ?? [];
const increases = (line: string): boolean => new RegExp(config.indentationRules.increaseIndentPattern).test(line);
const decreases = (line: string): boolean => new RegExp(config.indentationRules.decreaseIndentPattern).test(line);

/** The indentation VS Code gives the new line when Enter is pressed at the end of `line`. */
function indentAfterEnter(line: string): string {
  const indent = /^\s*/.exec(line)![0];
  const rule = config.onEnterRules.find((r) => new RegExp(r.beforeText).test(line));
  if (rule) {
    const base = rule.action.indent === 'indent' ? indent + TAB : indent;
    return base + (rule.action.appendText ?? '');
  }
  return increases(line) ? indent + TAB : indent;
}

describe('language configuration', () => {
  test('comments, brackets, pairs and folding', () => {
    assert.deepEqual(config.comments, { lineComment: '#' });
    assert.deepEqual(config.brackets, [
      ['{', '}'],
      ['[', ']'],
    ]);
    for (const [open, close] of [
      ['{', '}'],
      ['[', ']'],
      ['"', '"'],
      ["'", "'"],
    ]) {
      assert.ok(
        config.autoClosingPairs.some((p) => p.open === open && p.close === close),
        `auto-closes ${open}`,
      );
      assert.ok(
        config.surroundingPairs.some(([o, c]) => o === open && c === close),
        `surrounds with ${open}`,
      );
    }
    // An apostrophe in a plain value or a comment ("don't") must not get a closing twin.
    assert.deepEqual(config.autoClosingPairs.find((p) => p.open === "'")?.notIn, ['string', 'comment']);
    assert.equal(config.folding.offSide, true);
  });

  test('word pattern: action ids, kebab-case ids and versions are one word; punctuation is not', () => {
    assert.deepEqual(words('    action: database.restore'), ['action', 'database.restore']);
    assert.deepEqual(words('  - id: restore-mailbox-store'), ['id', 'restore-mailbox-store']);
    assert.deepEqual(words('    after: [dismount-sales, keep-sales-files]'), [
      'after',
      'dismount-sales',
      'keep-sales-files',
    ]);
    assert.deepEqual(words('      ntbackupVersion: 5.0.2195.1117'), ['ntbackupVersion', '5.0.2195.1117']);
    assert.deepEqual(words('# runbook-disable-next-line copy-before-restore -- disk D failed.'), [
      'runbook-disable-next-line',
      'copy-before-restore',
      'disk',
      'D',
      'failed',
    ]);
    assert.deepEqual(words('  systemPath: C:\\WINNT'), ['systemPath', 'C', 'WINNT']);
    assert.deepEqual(words('title: Sauvegarde du référentiel'), ['title', 'Sauvegarde', 'du', 'référentiel']);
  });

  test('indentation increases after a line that opens a block', () => {
    for (const line of [
      'steps:',
      '  - with:',
      '    with:   # the parameters',
      '    notes: |',
      '    notes: >-',
      '  "quoted key":',
      '  components: [messaging-and-collaboration,',
      '    with: {',
    ]) {
      assert.ok(increases(line), `increases after ${JSON.stringify(line)}`);
    }
    for (const line of [
      '  - id: restore-sales',
      '    action: database.restore',
      '# note:',
      '  roles: []',
      '    url: http://example.com',
      '      - restore-sales',
      '    with: { drive: D }',
      '',
    ]) {
      assert.ok(!increases(line), `does not increase after ${JSON.stringify(line)}`);
    }
    assert.ok(decreases('    ]') && decreases('  },') && !decreases('  - x'));
  });

  test('Enter continues the indentation of list items and blocks', () => {
    const cases: Array<[string, string]> = [
      ['steps:', '  '],
      ['  - id: restore-sales', '    '], // under `id`, for the step's next key
      ['  - id: restore-sales   # the big one', '    '],
      ['  - with:', '      '], // one level under `with`, which sits at column 4
      ['  - notes: |', '      '],
      ['    action: database.restore', '    '],
      ['    after:', '      '],
      ['      - dismount-sales', '      '], // the next item of a plain list
      ['  - { id: smoke-test, action: manual }', '  '],
      ['    # runbook-disable-next-line schema -- reason', '    '],
    ];
    for (const [line, expected] of cases) {
      assert.equal(
        JSON.stringify(indentAfterEnter(line)),
        JSON.stringify(expected),
        `Enter after ${JSON.stringify(line)}`,
      );
    }
  });
});
