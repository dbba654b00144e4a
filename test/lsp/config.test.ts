/**
 * One configuration for the editor and the command line: `.runbookrc.json` files found by walking
 * up from each runbook, team packs per folder, editor settings on top per workspace folder, and
 * folders added or removed while the server runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  FileChangeType,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { startServer } from './lspClient';

const cli = resolve(__dirname, '../../out/cli.js');
const good = readFileSync(resolve(__dirname, '../unit/fixes/fixtures/member-server.runbook.yaml'), 'utf8');
const bad = good.replace(' /disasterrecovery', '');
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

function pack(id: string, severity = 'warning'): string {
  return `pack: 1\nrules:\n  - id: ${id}\n    kind: requires\n    severity: ${severity}\n    summary: s\n    message: Add the ${id} step.\n    step: { action: manual, with: { check: ${id.replace('/', '-')} } }\n`;
}

/**
 * A repository: the root turns dr-setup-switch into a warning and has a team pack; `strict/`
 * sets it back to error and adds its own pack; `quiet/` is `root: true` and turns it off.
 */
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-config-'));
  mkdirSync(join(root, '.git'));
  const put = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  put('.runbookrc.json', JSON.stringify({ rules: { 'dr-setup-switch': 'warning' } }));
  put('.runbook/rules/team.yaml', pack('team/smoke'));
  put('top.runbook.yaml', bad);
  put('strict/.runbookrc.json', JSON.stringify({ rules: { 'dr-setup-switch': 'error', 'team/smoke': 'hint' } }));
  put('strict/.runbook/rules/strict.yaml', pack('strict/sign', 'error'));
  put('strict/deep/one.runbook.yaml', bad);
  put('quiet/.runbookrc.json', JSON.stringify({ root: true, rules: { 'dr-setup-switch': 'off' } }));
  put('quiet/two.runbook.yaml', bad);
  return root;
}

const FILES = ['top.runbook.yaml', 'strict/deep/one.runbook.yaml', 'quiet/two.runbook.yaml'];

type Finding = string;

function cliFindings(root: string, cwd: string): Map<string, Finding[]> {
  const r = spawnSync(process.execPath, [cli, 'lint', ...FILES.map((f) => join(root, f)), '-f', 'json'], {
    cwd,
    encoding: 'utf8',
  });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = new Map<string, Finding[]>(FILES.map((f) => [f, []]));
  for (const p of JSON.parse(r.stdout).problems as { file: string; code: string; severity: string; line: number }[]) {
    const file = FILES.find((f) => resolve(cwd, p.file) === join(root, f));
    if (file) out.get(file)!.push(`${p.line}:${p.severity}:${p.code}`);
  }
  for (const list of out.values()) list.sort();
  return out;
}

function lspFindings(p: PublishDiagnosticsParams): Finding[] {
  return p.diagnostics.map((d) => `${d.range.start.line + 1}:${SEVERITY[d.severity!]}:${d.code}`).sort();
}

/** Severity and code of each diagnostic, sorted, without lines. */
const kinds = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${SEVERITY[d.severity!]}:${d.code}`).sort();

test('the CLI (from any folder) and the server find the same problems on the same tree', async () => {
  const root = tree();
  const fromRoot = cliFindings(root, root);
  const fromDeep = cliFindings(root, join(root, 'strict', 'deep'));
  assert.deepEqual(fromDeep, fromRoot, 'running from a subfolder changes nothing');
  // What the walk means, spelt out once.
  const codes = (f: string) =>
    fromRoot
      .get(f)!
      .map((x) => x.replace(/^\d+:/, ''))
      .sort();
  assert.deepEqual(codes('top.runbook.yaml'), ['warning:dr-setup-switch', 'warning:team/smoke']);
  assert.deepEqual(codes('strict/deep/one.runbook.yaml'), [
    'error:dr-setup-switch',
    'error:strict/sign',
    'hint:team/smoke',
  ]);
  assert.deepEqual(codes('quiet/two.runbook.yaml'), [], 'root: true stops the walk (no root pack, rule off)');

  const lsp = await startServer({ rootUri: pathToFileURL(root).href });
  try {
    for (const file of FILES) {
      const uri = pathToFileURL(join(root, file)).href;
      const published = lsp.nextDiagnostics(uri);
      lsp.open(uri, bad);
      const diagnostics = await published;
      assert.deepEqual(lspFindings(diagnostics), fromRoot.get(file), file);
      // The rule's link opens the page shipped beside the server, not a web site.
      for (const d of diagnostics.diagnostics.filter((x) => x.code === 'dr-setup-switch')) {
        const href = String(d.codeDescription?.href);
        assert.match(href, /^file:.*\/docs\/rules\/dr-setup-switch\.md$/);
        assert.ok(existsSync(fileURLToPath(href)), href);
      }
    }
  } finally {
    await lsp.stop();
  }
});

test('multi-root: settings, config files and packs per folder; folders added and removed live', async () => {
  const a = mkdtempSync(join(tmpdir(), 'runbook-folder-a-'));
  const b = mkdtempSync(join(tmpdir(), 'runbook-folder-b-'));
  writeFileSync(join(a, '.runbookrc.json'), JSON.stringify({ rules: { 'dr-setup-switch': 'warning' } }));
  mkdirSync(join(b, '.runbook', 'rules'), { recursive: true });
  writeFileSync(join(b, '.runbook', 'rules', 'b.yaml'), pack('b/only'));
  const [ua, ub] = [pathToFileURL(a).href, pathToFileURL(b).href];
  const lsp = await startServer({
    workspaceFolders: [{ uri: ua, name: 'a' }],
    // Folder b's setting beats every config file for that folder only.
    settingsFor: (scope) => (scope === ub ? { rules: { 'dr-setup-switch': 'information' } } : { rules: {} }),
  });
  const inA = pathToFileURL(join(a, 'x.runbook.yaml')).href;
  const inB = pathToFileURL(join(b, 'y.runbook.yaml')).href;
  try {
    const first = lsp.nextDiagnostics(inA);
    lsp.open(inA, bad);
    assert.deepEqual(kinds(await first), ['warning:dr-setup-switch']);
    // Folder b is added while the server runs: its pack and its setting apply to its runbooks only.
    await lsp.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: ub, name: 'b' }], removed: [] },
    });
    const second = lsp.nextDiagnostics(inB);
    lsp.open(inB, bad);
    assert.deepEqual(kinds(await second), ['info:dr-setup-switch', 'warning:b/only']);
    // Folder a's config changes on disk: a's runbook follows, b's does not get a's rules.
    writeFileSync(join(a, '.runbookrc.json'), JSON.stringify({ rules: { 'dr-setup-switch': 'hint' } }));
    const third = lsp.nextDiagnostics(inA, (p) => p.diagnostics[0]?.severity === 4);
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(join(a, '.runbookrc.json')).href, type: FileChangeType.Changed }],
    });
    await third;
    // Folder b is removed: its setting no longer applies (its pack still sits beside the file).
    const fourth = lsp.nextDiagnostics(inB, (p) => p.diagnostics.some((d) => d.severity === 1));
    await lsp.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [], removed: [{ uri: ub, name: 'b' }] },
    });
    assert.deepEqual(kinds(await fourth), ['error:dr-setup-switch', 'warning:b/only']);
  } finally {
    await lsp.stop();
  }
});

test('a broken config file is reported on itself, and read as empty meanwhile', async () => {
  const root = mkdtempSync(join(tmpdir(), 'runbook-config-bad-'));
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, '.runbookrc.json'), '{ "rules": { "dr-setup-switch": "loud" } }');
  writeFileSync(join(root, 'r.runbook.yaml'), bad);
  const lsp = await startServer({ rootUri: pathToFileURL(root).href });
  try {
    const configUri = pathToFileURL(join(root, '.runbookrc.json')).href;
    const problems = lsp.nextDiagnostics(configUri, (p) => p.diagnostics.length > 0);
    const uri = pathToFileURL(join(root, 'r.runbook.yaml')).href;
    const runbook = lsp.nextDiagnostics(uri);
    lsp.open(uri, bad);
    assert.deepEqual(kinds(await runbook), ['error:dr-setup-switch']);
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: configUri, type: FileChangeType.Changed }],
    });
    assert.match(String((await problems).diagnostics[0].message), /rules\.dr-setup-switch must be one of/);
  } finally {
    await lsp.stop();
  }
  const r = spawnSync(process.execPath, [cli, 'lint', '.'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 2, 'the CLI refuses to guess');
  assert.match(r.stderr, /\.runbookrc\.json: rules\.dr-setup-switch must be one of/);
});
