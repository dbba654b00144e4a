/**
 * A large runbook being checked must not hold up requests about another document. Measured on the
 * old code: a hover on a small runbook waited 14.2 s behind the check of a 10 MB one. This asserts
 * order, not wall-clock time (the machine running the tests may be busy): a hover on the small
 * document, sent after the large one's check began, is answered before the large one's
 * diagnostics arrive. The large one is over the full-check size given to the server here, so
 * its diagnostics also carry the notice that only syntax and schema were checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HoverRequest } from 'vscode-languageserver-protocol';
import { startServer } from './lspClient';
import { generateRunbook } from '../../bench/generate';

const SMALL = 'file:///small.runbook.yaml';
const LARGE = 'file:///large.runbook.yaml';

test('a hover on a small runbook is answered while a large one is checked', async () => {
  const big = generateRunbook(5000, true).text;
  assert.ok(big.length > 1_000_000, `${big.length} characters`);
  const session = await startServer({ env: { ...process.env, RUNBOOK_FULL_CHECK_CHARS: '800000' } });
  try {
    const small = generateRunbook(20, false).text;
    const smallDiagnostics = session.nextDiagnostics(SMALL);
    session.open(SMALL, small);
    await smallDiagnostics;

    const events: string[] = [];
    const largeDiagnostics = session.nextDiagnostics(LARGE).then((d) => {
      events.push('large diagnostics');
      return d;
    });
    session.open(LARGE, big);
    // Let the large check begin (the server waits a few ms after a change before checking).
    await new Promise((r) => setTimeout(r, 200));
    const hovers = [];
    for (let i = 0; i < 3; i++) {
      hovers.push(
        session.connection
          .sendRequest(HoverRequest.type, { textDocument: { uri: SMALL }, position: { line: 1, character: 2 } })
          .then((h) => {
            events.push('small hover');
            return h;
          }),
      );
      await new Promise((r) => setTimeout(r, 50));
    }
    const answered = await Promise.all(hovers);
    assert.ok(answered.every((h) => h !== undefined));
    const diagnostics = await largeDiagnostics;
    assert.deepEqual(events, ['small hover', 'small hover', 'small hover', 'large diagnostics']);
    const notice = diagnostics.diagnostics.find((d) => d.code === 'large-file');
    assert.ok(notice, 'the large file carries the notice');
    assert.match(String(notice.message), /only YAML syntax and the schema are checked/);
    assert.equal(notice.range.start.line, 0);
    // The rules are off for it: only syntax, schema and the notice.
    const codes = new Set(diagnostics.diagnostics.map((d) => d.code));
    assert.deepEqual(
      [...codes].filter((c) => !['schema', 'yaml-syntax', 'large-file'].includes(String(c))),
      [],
    );
  } finally {
    await session.stop();
  }
});
