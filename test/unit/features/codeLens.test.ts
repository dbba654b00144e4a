/** CodeLens on the title line: a plain-text summary, and "Open checklist" only when it can work. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Commands } from '../../../server/src/protocol';
import { OPEN_CHECKLIST_COMMAND } from '../../../core/service/features/codeLens';
import { URI, rangeOf, runbook, service } from './helpers';

const TEXT = runbook('  - id: a\n    action: manual\n  - id: b\n    action: manual\n  - id: c\n    action: manual\n');
const svc = service();

describe('code lens', () => {
  test('"N steps · scenario" on the title key, as text (an empty command id)', () => {
    assert.deepEqual(svc.codeLenses(URI, TEXT, { checklistAvailable: false }), [
      { range: rangeOf(TEXT, '«title»: Restore'), command: { title: '3 steps · database-restore', command: '' } },
    ]);
  });
  test('"Open checklist" only when the host says a checklist exists, with the document uri', () => {
    const lenses = svc.codeLenses(URI, TEXT, { checklistAvailable: true });
    assert.deepEqual(lenses, [
      { range: rangeOf(TEXT, '«title»: Restore'), command: { title: '3 steps · database-restore', command: '' } },
      {
        range: rangeOf(TEXT, '«title»: Restore'),
        command: { title: 'Open checklist', command: 'runbook.openChecklist', arguments: [URI] },
      },
    ]);
    assert.ok(
      lenses.every((l) => l.command),
      'a lens without a command would not be shown',
    );
  });
  test('the command id is the one the client registers', () => {
    assert.equal(OPEN_CHECKLIST_COMMAND, Commands.openChecklist);
  });
  test('one step, no scenario yet, no title yet', () => {
    const text = 'runbook: 1\nsteps:\n  - id: a\n    action: manual\n';
    assert.deepEqual(svc.codeLenses(URI, text, { checklistAvailable: false }), [
      { range: rangeOf(text, '«runbook»: 1'), command: { title: '1 step', command: '' } },
    ]);
  });
  test('nothing in an empty file', () => {
    assert.deepEqual(svc.codeLenses(URI, '', { checklistAvailable: true }), []);
  });
});
