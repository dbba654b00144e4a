/** Hover: actions, keys, step ids and `after:` entries, scenarios, and the checks behind diagnostics. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-types';
import { ACTIONS } from '../../../core/model/catalogue/actions';
import { rulesReading } from '../../../core/service/features/ruleIndex';
import { BUILTIN_RULES } from '../../../core/rules/exchange2000';
import { URI, inside, rangeOf, runbook, service } from './helpers';

const TEXT = runbook(`  - id: dismount
    action: database.dismount
    with:
      storageGroup: First Storage Group
  - id: copy-aside
    action: database.copy-existing
    title: Keep the old files
    after: [dismount]
    with: { storageGroup: First Storage Group, destination: 'F:\\old' }
  - id: restore
    action: database.restore
    after:
      - dismount
      - copy-aside
    notes: free text
`);

function hoverAt(text: string, position: Position, options = {}): Hover | null {
  return service(options).hover(URI, text, position);
}
const md = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

describe('hover on an action id', () => {
  const h = hoverAt(TEXT, inside(TEXT, 'action: «database.restore»'));
  test('summary, doc and the parameter table with types', () => {
    assert.match(
      md(h),
      /^\*\*`database\.restore`\*\*: Restore databases from backup\n\nRestores databases of one storage group/,
    );
    assert.match(md(h), /\| Parameter \| Type \| Meaning \|/);
    assert.match(md(h), /\| `backupSet` \| one of: full, incremental, differential, copy \| /);
    assert.match(md(h), /\| `lastRestoreSet` \| boolean \| /);
  });
  test('the rules that read it, declarative and coded', () => {
    assert.match(md(h), /Checked by:\n/);
    assert.match(md(h), /- `copy-before-restore`: Copy the current database files aside before a restore\./);
    assert.match(md(h), /- `temp-log-path-differs`: /);
    assert.doesNotMatch(md(h), /`duplicate-step-id`/, 'rules about every step are not listed per action');
  });
  test('every rule the index names is a built-in rule (a renamed one would drop out of the hover silently)', () => {
    const ids = new Set(BUILTIN_RULES.map((r) => r.id));
    const stale = ACTIONS.flatMap((a) =>
      rulesReading(a.id)
        .filter((r) => !ids.has(r))
        .map((r) => `${a.id}: ${r}`),
    );
    assert.deepEqual(stale, []);
  });
  test('the range is the action value', () => {
    assert.deepEqual(h?.range, rangeOf(TEXT, 'action: «database.restore»'));
  });
  test('manual says that it takes anything and no rule reads it', () => {
    const text = runbook('  - id: a\n    action: manual\n');
    assert.match(md(hoverAt(text, inside(text, 'action: «manual»'))), /Takes any parameters; no rule reads them\./);
  });
  test('an unknown action has no action hover', () => {
    const text = runbook('  - id: a\n    action: nonsense\n');
    const h = md(hoverAt(text, inside(text, 'action: «nonsense»')));
    assert.doesNotMatch(h, /Parameter/);
    assert.match(h, /^Check `unknown-action`/, 'only the diagnostic on it speaks');
  });
});

describe('hover on a key', () => {
  test('a step key shows its doc from the schema', () => {
    const h = hoverAt(TEXT, inside(TEXT, '    «notes»: free text'));
    assert.equal(md(h), '**`notes`**: string\n\nFree text shown in the checklist.');
    assert.deepEqual(h?.range, rangeOf(TEXT, '    «notes»: free text'));
  });
  test('a parameter names its action, block and flow', () => {
    assert.match(
      md(hoverAt(TEXT, inside(TEXT, 'First Storage Group, «destination»'))),
      /^\*\*`destination`\*\* \(parameter of `database\.copy-existing`\): string\n\nFolder that receives the copy\./,
    );
    assert.match(
      md(hoverAt(TEXT, inside(TEXT, '    with:\n      «storageGroup»'))),
      /parameter of `database\.dismount`/,
    );
  });
  test('top-level and inventory keys', () => {
    assert.match(
      md(hoverAt(TEXT, inside(TEXT, '«scenario»: database-restore'))),
      /Which recovery this runbook performs\./,
    );
    assert.match(md(hoverAt(TEXT, inside(TEXT, '  «cluster»:'))), /Only for a clustered \(virtual\) server\./);
  });
});

describe('hover on step ids', () => {
  test('on the id: the step and who waits for it', () => {
    const h = hoverAt(TEXT, inside(TEXT, 'id: «dismount»'));
    assert.equal(
      md(h),
      "**Step `dismount`** (step 1, `database.dismount`)\n\nDismount databases\n\nUsed by `after:` of 'copy-aside', 'restore'.",
    );
    assert.deepEqual(h?.range, rangeOf(TEXT, 'id: «dismount»'));
  });
  test('on an `after:` entry: the same, with the title when there is one', () => {
    const h = hoverAt(TEXT, inside(TEXT, '- «copy-aside»'));
    assert.match(
      md(h),
      /^\*\*Step `copy-aside`\*\* \(step 2, `database\.copy-existing`\)\n\nKeep the old files\n\nUsed by `after:` of 'restore'\./,
    );
    assert.deepEqual(h?.range, rangeOf(TEXT, '- «copy-aside»'));
  });
  test('an id nobody names says so', () => {
    assert.match(md(hoverAt(TEXT, inside(TEXT, 'id: «restore»'))), /No step names it in `after:`\./);
  });
});

describe('hover on a scenario id', () => {
  test('what the scenario recovers', () => {
    assert.equal(
      md(hoverAt(TEXT, inside(TEXT, 'scenario: «database-restore»'))),
      '**Scenario `database-restore`**\n\nRestore one or more databases of a running server from backup.',
    );
  });
});

describe('hover on a diagnostic', () => {
  const broken = runbook('  - id: a\n    action: manual\n    after: [missing]\n');
  test('the rule id, its summary and a link to its page', () => {
    const h = hoverAt(broken, inside(broken, 'after: [«missing»]'));
    assert.match(md(h), /Check `unknown-step-reference`: Every `after:` entry names a step\./);
    assert.match(
      md(h),
      /\(https:\/\/github\.com\/runbook-studio\/runbook-studio\/blob\/main\/docs\/rules\/unknown-step-reference\.md\)/,
    );
    assert.match(md(h), /^No step has the id `missing`\./, 'the element comes first, then the check');
  });
  test('the link follows docsBase', () => {
    const h = hoverAt(broken, inside(broken, 'after: [«missing»]'), { docsBase: 'https://example.test/rules' });
    assert.match(md(h), /\(https:\/\/example\.test\/rules\/unknown-step-reference\.md\)/);
  });
  test('schema findings have a summary of their own', () => {
    const text = runbook('  - id: a\n    action: manual\n    colour: blue\n');
    assert.match(
      md(hoverAt(text, inside(text, '«colour»: blue'))),
      /Check `schema`: The file follows runbook format v1/,
    );
  });
});

describe('nothing to say', () => {
  test('a blank line, a comment, free text', () => {
    const text = `${TEXT}\n# closing note\n`;
    assert.equal(hoverAt(text, { line: text.split('\n').length - 1, character: 0 }), null);
    assert.equal(hoverAt(text, inside(text, '# «closing» note')), null);
    assert.equal(hoverAt(text, inside(text, 'notes: «free» text')), null);
  });
});
