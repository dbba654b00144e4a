/** A second real LSP client: Neovim's built-in one, headless. Nothing in the server may assume VS Code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

test('Neovim gets diagnostics and hover from the server over stdio', () => {
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(
    nvim.status,
    0,
    'nvim is not installed: `apt-get install neovim` (scripts/install-system-deps.sh does it)',
  );
  const dir = mkdtempSync(join(tmpdir(), 'runbook-nvim-'));
  const file = join(dir, 'broken.runbook.yaml');
  const text = readFileSync(resolve(__dirname, '../unit/fixes/fixtures/member-server.runbook.yaml'), 'utf8').replace(
    ' /disasterrecovery',
    '',
  );
  writeFileSync(file, text);
  const actionLine = text.split('\n').findIndex((l) => l.includes('action: windows.install'));
  const out = join(dir, 'result.json');
  const r = spawnSync('nvim', ['--headless', '--clean', '-u', resolve(__dirname, 'neovim/client.lua')], {
    env: {
      ...process.env,
      RUNBOOK_SERVER: resolve(__dirname, '../../out/server.js'),
      RUNBOOK_FILE: file,
      RUNBOOK_NVIM_OUT: out,
      RUNBOOK_HOVER_LINE: String(actionLine),
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(
    result.diagnostics.map((d: { code: string }) => d.code),
    ['dr-setup-switch'],
  );
  assert.match(result.hover, /windows\.install/);
});
