/** Definition, references, highlights and rename of step ids, in flow and block `after:` lists. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentHighlightKind, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { URI, inside, rangeOf, runbook, service } from './helpers';

const TEXT = runbook(`  - id: dismount
    action: database.dismount
  - id: 'copy-aside'
    action: database.copy-existing
    after: [dismount]
  - id: restore
    action: database.restore
    after:
      - dismount
      - "copy-aside"
`);
const svc = service();
const ranges = (locs: { range: Range }[]) => locs.map((l) => l.range);
const DECL = rangeOf(TEXT, 'id: «dismount»');
const REF_FLOW = rangeOf(TEXT, 'after: [«dismount»]');
const REF_BLOCK = rangeOf(TEXT, '      - «dismount»');

describe('definition', () => {
  test('from a flow `after:` entry to the id', () => {
    assert.deepEqual(svc.definition(URI, TEXT, inside(TEXT, 'after: [«dismount»]')), [{ uri: URI, range: DECL }]);
  });
  test('from a block entry, at the end of the name too', () => {
    assert.deepEqual(ranges(svc.definition(URI, TEXT, REF_BLOCK.end)), [DECL]);
  });
  test('quoted names: the range leaves the quotes out', () => {
    assert.deepEqual(ranges(svc.definition(URI, TEXT, inside(TEXT, '"«copy-aside»"'))), [
      rangeOf(TEXT, "id: '«copy-aside»'"),
    ]);
  });
  test('nothing for an unknown id or a position that is not a step id', () => {
    const text = runbook('  - id: a\n    action: manual\n    after: [ghost]\n');
    assert.deepEqual(svc.definition(URI, text, inside(text, '[«ghost»]')), []);
    assert.deepEqual(svc.definition(URI, TEXT, inside(TEXT, 'action: «database.restore»')), []);
  });
});

describe('references and highlights', () => {
  test('every `after:` entry naming the step; the declaration only when asked', () => {
    assert.deepEqual(ranges(svc.references(URI, TEXT, inside(TEXT, 'id: «dismount»'), false)), [REF_FLOW, REF_BLOCK]);
    assert.deepEqual(ranges(svc.references(URI, TEXT, inside(TEXT, 'id: «dismount»'), true)), [
      DECL,
      REF_FLOW,
      REF_BLOCK,
    ]);
  });
  test('from a reference as from the id', () => {
    assert.deepEqual(ranges(svc.references(URI, TEXT, REF_BLOCK.start, true)), [DECL, REF_FLOW, REF_BLOCK]);
  });
  test('highlights: the id as written, the references as read', () => {
    assert.deepEqual(svc.documentHighlights(URI, TEXT, REF_FLOW.start), [
      { range: DECL, kind: DocumentHighlightKind.Write },
      { range: REF_FLOW, kind: DocumentHighlightKind.Read },
      { range: REF_BLOCK, kind: DocumentHighlightKind.Read },
    ]);
    assert.deepEqual(svc.documentHighlights(URI, TEXT, inside(TEXT, '«action»: database.dismount')), []);
  });
});

describe('prepareRename', () => {
  test('on an id or a reference: its range and name', () => {
    assert.deepEqual(svc.prepareRename(URI, TEXT, inside(TEXT, 'id: «dismount»')), {
      range: DECL,
      placeholder: 'dismount',
    });
    assert.deepEqual(svc.prepareRename(URI, TEXT, REF_BLOCK.start), { range: REF_BLOCK, placeholder: 'dismount' });
  });
  test('anything else is refused with a reason', () => {
    assert.deepEqual(svc.prepareRename(URI, TEXT, inside(TEXT, 'action: «database.dismount»')), {
      error: 'Only a step id can be renamed.',
    });
    assert.deepEqual(svc.prepareRename(URI, TEXT, { line: 0, character: 0 }), {
      error: 'Only a step id can be renamed.',
    });
  });
});

describe('rename', () => {
  const edits = (r: WorkspaceEdit | { error: string }): TextEdit[] => {
    assert.ok(!('error' in r), JSON.stringify(r));
    return (r as WorkspaceEdit).changes![URI];
  };
  test('the id and every reference', () => {
    const got = edits(svc.rename(URI, TEXT, REF_FLOW.start, 'take-offline'));
    assert.deepEqual(
      got,
      [DECL, REF_FLOW, REF_BLOCK].map((range) => ({ range, newText: 'take-offline' })),
    );
  });
  test('inside quotes only the name changes', () => {
    const got = edits(svc.rename(URI, TEXT, inside(TEXT, "id: '«copy-aside»'"), 'keep-old-files'));
    assert.deepEqual(
      got.map((e) => e.range),
      [rangeOf(TEXT, "id: '«copy-aside»'"), rangeOf(TEXT, '"«copy-aside»"')],
    );
  });
  test('a name that is not kebab-case is refused', () => {
    const r = svc.rename(URI, TEXT, DECL.start, 'Take_Offline');
    assert.deepEqual(r, {
      error:
        "'Take_Offline' is not a valid step id: use lower-case letters and digits in words joined by single hyphens (kebab-case), such as 'restore-mailbox-store'.",
    });
  });
  test('a name another step uses is refused', () => {
    assert.deepEqual(svc.rename(URI, TEXT, DECL.start, 'restore'), {
      error: "Step 3 already has the id 'restore'; step ids must be unique.",
    });
  });
  test('renaming the second of two equal ids changes that id only (how a duplicate is fixed)', () => {
    const text = runbook('  - id: same\n    action: manual\n  - id: same\n    action: manual\n    after: [same]\n');
    const second = rangeOf(text, '  - id: «same»\n    action: manual\n    after');
    assert.deepEqual(edits(svc.rename(URI, text, second.start, 'other')), [{ range: second, newText: 'other' }]);
  });
  test('outside a step id it is refused', () => {
    assert.deepEqual(svc.rename(URI, TEXT, inside(TEXT, 'action: «database.restore»'), 'x'), {
      error: 'Only a step id can be renamed.',
    });
  });
});

describe('broken documents', () => {
  test('a syntax error in another step leaves navigation working', () => {
    const text = runbook(
      '  - id: first\n    action: manual\n  - id: broken\n    with: { a: 1 }}\n  - id: last\n    action: manual\n    after: [first]\n',
    );
    assert.deepEqual(ranges(svc.definition(URI, text, inside(text, 'after: [«first»]'))), [
      rangeOf(text, 'id: «first»'),
    ]);
  });
});
