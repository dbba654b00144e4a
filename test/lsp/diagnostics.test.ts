import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from './lspClient';

const clean = readFileSync(resolve(__dirname, '../../examples/member-server.runbook.yaml'), 'utf8');
const uri = 'file:///work/lsp-test.runbook.yaml';

test('diagnostics follow open, edit and close over stdio', async () => {
  const lsp = await startServer();
  try {
    assert.equal(lsp.initializeResult.serverInfo?.name, 'runbook-language-server');
    const first = lsp.nextDiagnostics(uri);
    lsp.open(uri, clean);
    assert.deepEqual((await first).diagnostics, [], 'the clean example has no diagnostics');

    // Break the DR Setup command line: remove the /disasterrecovery switch.
    const lines = clean.split('\n');
    const line = lines.findIndex((l) => l.includes('commandLine: setup.exe /disasterrecovery'));
    const col = lines[line].indexOf(' /disasterrecovery');
    const broken = lsp.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
    lsp.change(uri, 2, [
      {
        range: { start: { line, character: col }, end: { line, character: col + ' /disasterrecovery'.length } },
        text: '',
      },
    ]);
    const after = await broken;
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      ['dr-setup-switch'],
    );
    assert.equal(after.diagnostics[0].range.start.line, line);
    assert.match(String(after.diagnostics[0].codeDescription?.href), /docs\/rules\/dr-setup-switch\.md$/);
    assert.equal(after.version, 2);

    const cleared = lsp.nextDiagnostics(uri);
    lsp.close(uri);
    assert.deepEqual((await cleared).diagnostics, [], 'closing clears the diagnostics');
  } finally {
    await lsp.stop();
  }
  assert.doesNotMatch(lsp.stderr(), /Unhandled|Uncaught/);
});

test('binary bytes and broken YAML get diagnostics, not a crash', async () => {
  const lsp = await startServer();
  try {
    const got = lsp.nextDiagnostics('file:///bin.runbook.yaml');
    lsp.open('file:///bin.runbook.yaml', 'runbook: 1\n\u0000\u0001\u0002 binary\n: : :\n');
    const d = await got;
    assert.ok(d.diagnostics.length > 0);
    assert.ok(d.diagnostics.every((x) => x.range.start.line >= 0));
  } finally {
    await lsp.stop();
  }
});
