/** Settings and team packs reach the server's diagnostics live, as a user changes them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
} from 'vscode-languageserver-protocol/node';
import { startServer } from './lspClient';

const text = readFileSync(resolve(__dirname, '../unit/fixes/fixtures/member-server.runbook.yaml'), 'utf8').replace(
  ' /disasterrecovery',
  '',
);

test('runbook.rules severities apply without a restart', async () => {
  const settings: Record<string, unknown> = { rules: {} };
  const lsp = await startServer({ settings });
  const uri = 'file:///settings.runbook.yaml';
  try {
    const first = lsp.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
    lsp.open(uri, text);
    assert.equal((await first).diagnostics[0].severity, 1);
    settings.rules = { 'dr-setup-switch': 'hint' };
    const second = lsp.nextDiagnostics(uri, (p) => p.diagnostics[0]?.severity === 4);
    await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.equal((await second).diagnostics[0].code, 'dr-setup-switch');
    settings.rules = { 'dr-setup-switch': 'off' };
    const third = lsp.nextDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await third;
  } finally {
    await lsp.stop();
  }
});

test('a team pack in the workspace is loaded, checked, and reloaded when it changes', async () => {
  const root = mkdtempSync(join(tmpdir(), 'runbook-ws-'));
  mkdirSync(join(root, '.runbook', 'rules'), { recursive: true });
  const packPath = join(root, '.runbook', 'rules', 'team.yaml');
  writeFileSync(
    packPath,
    'pack: 1\nrules:\n  - id: team/smoke\n    kind: requires\n    severity: warning\n    summary: s\n    message: Add a smoke test.\n    step: { action: manual, with: { check: smoke } }\n',
  );
  const lsp = await startServer({ rootUri: pathToFileURL(root).href });
  const uri = pathToFileURL(join(root, 'a.runbook.yaml')).href;
  try {
    const first = lsp.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'team/smoke'));
    lsp.open(uri, text);
    await first;
    writeFileSync(packPath, 'pack: 1\nrules:\n  - id: team/smoke\n    kind: requies\n');
    const packUri = pathToFileURL(packPath).href;
    const packProblems = lsp.nextDiagnostics(packUri, (p) => p.diagnostics.length > 0);
    const reloaded = lsp.nextDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'team/smoke'));
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: packUri, type: FileChangeType.Changed }],
    });
    const problems = await packProblems;
    assert.match(problems.diagnostics.map((d) => d.message).join('\n'), /requies/);
    await reloaded;
  } finally {
    await lsp.stop();
  }
});
