/** The checklist asks the server for its plan (protocol.ts ChecklistPlanRequest): over the real protocol. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChecklistPlanRequest } from '../../server/src/protocol';
import { planFromData } from '../../core/records/plan';
import { startServer, type LspSession } from './lspClient';

const uri = 'file:///work/lsp-plan.runbook.yaml';
const TEXT = `runbook: 1
title: Restore the mailbox store
scenario: database-restore
rto: 4h
server: { name: EXCH01 }
steps:
  - id: dismount
    action: database.dismount
    expect: 10m
  - id: restore
    action: database.restore
    after: [dismount]
    signoff: 2
    evidence:
      - key: tape
        hint: the label on the tape
`;

let lsp: LspSession;
before(async () => {
  lsp = await startServer();
});
after(async () => {
  await lsp.stop();
  assert.doesNotMatch(lsp.stderr(), /Unhandled|Uncaught/);
});

test('a closed file: the plan of the text sent, with digests, gate input, durations and the error count', async () => {
  const r = await lsp.connection.sendRequest(ChecklistPlanRequest, { uri, text: TEXT });
  const plan = planFromData(r.plan);
  assert.equal(plan.title, 'Restore the mailbox store');
  assert.equal(plan.rto, 14_400);
  assert.deepEqual(
    plan.steps.map((s) => [s.id, s.after, s.expect, s.signoff]),
    [
      ['dismount', [], 600, undefined],
      ['restore', ['dismount'], undefined, true],
    ],
  );
  assert.match(plan.steps[0].digest, /^[0-9a-f]{16}$/);
  assert.equal(plan.byId.get('restore')?.evidence[0].hint, 'the label on the tape');
  assert.ok(r.errorCount > 0, 'the restore breaks rules: the count says so');
  assert.equal(r.text, TEXT);
});

test('an open file: the server plans its own copy of the document', async () => {
  const opened = lsp.nextDiagnostics(uri);
  const edited = TEXT.replace('expect: 10m', 'expect: 20m');
  lsp.open(uri, edited);
  await opened;
  const r = await lsp.connection.sendRequest(ChecklistPlanRequest, { uri, text: TEXT });
  assert.equal(r.plan.steps[0].expect, 1200);
  assert.equal(r.text, edited, 'the client learns which text was planned');
});
