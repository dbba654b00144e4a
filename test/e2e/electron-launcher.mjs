#!/usr/bin/env node
// Runs the same e2e suite in desktop VS Code (Electron) through @vscode/test-electron.
// No desktop build can be downloaded here (Microsoft's update server is unreachable, and npm /
// Debian carry none), so this launcher NEVER downloads: it uses an explicit build or a cached
// one, and otherwise reports a SKIP. The offline path is code-server-launcher.mjs.
//
// Usage: node test/e2e/electron-launcher.mjs [workspace-folder]
// Env:
//   VSCODE_EXECUTABLE               path to a VS Code desktop binary (e.g. .../VSCode-linux-x64/code)
//   RUNBOOK_E2E_REQUIRE_ELECTRON=1  turn the skip into a failure (for CI that must run it)
// Cached builds: .vscode-test/vscode-linux-x64-<version>/ with an `is-complete` marker, the
// layout @vscode/test-electron itself writes after a download; the newest one wins.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const testsPath = path.join(REPO, 'out/test/e2e/index.js');

function findCachedBuild() {
  const cache = path.join(REPO, '.vscode-test');
  const platform = process.platform === 'darwin' ? 'darwin' : `${process.platform}-${process.arch}`;
  const builds = (fs.existsSync(cache) ? fs.readdirSync(cache) : [])
    .filter((d) => d.startsWith(`vscode-${platform}-`) && fs.existsSync(path.join(cache, d, 'is-complete')))
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true })); // newest version first
  if (!builds.length) return undefined;
  const dir = path.join(cache, builds[0]);
  // Same executable layout as @vscode/test-electron's downloadDirToExecutablePath.
  return process.platform === 'darwin'
    ? path.join(dir, 'Visual Studio Code.app/Contents/MacOS/Electron')
    : process.platform === 'win32'
      ? path.join(dir, 'Code.exe')
      : path.join(dir, 'code');
}

const executable = process.env.VSCODE_EXECUTABLE || findCachedBuild();
if (!executable || !fs.existsSync(executable)) {
  const strict = process.env.RUNBOOK_E2E_REQUIRE_ELECTRON === '1';
  const bar = '!'.repeat(78);
  console.error(
    [
      bar,
      `${strict ? 'FAILED' : 'SKIPPED'}: no VS Code desktop build - the Electron e2e run did NOT happen.`,
      'This is a skip, not a pass. Nothing was tested in desktop VS Code.',
      executable ? `  VSCODE_EXECUTABLE=${executable} does not exist.` : '  VSCODE_EXECUTABLE is not set and',
      executable ? '' : `  ${path.join(REPO, '.vscode-test')} holds no complete vscode-<platform>-<version> build.`,
      'The same suite runs offline in code-server: npm run test:e2e',
      bar,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  process.exit(strict ? 1 : 0);
}
if (!fs.existsSync(testsPath)) {
  console.error(`[e2e] ${testsPath} is missing: run \`npm run build\` first`);
  process.exit(1);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runbook-e2e-electron-'));
// A temp copy of examples/, so tests never modify the checked-in files.
const workspace = process.argv[2] ? path.resolve(process.argv[2]) : path.join(tmp, 'workspace');
if (!process.argv[2]) fs.cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('[e2e] warning: no DISPLAY; Electron needs one (run under `xvfb-run -a`)');
}

const { runTests } = await import('@vscode/test-electron');
let code = 0;
try {
  await runTests({
    vscodeExecutablePath: executable, // given explicitly, runTests never downloads
    extensionDevelopmentPath: REPO,
    extensionTestsPath: testsPath,
    extensionTestsEnv: { RUNBOOK_E2E_WORKSPACE: workspace },
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under development, not the user's
      '--disable-gpu', // runTests itself adds --no-sandbox and --disable-workspace-trust
      // A fresh profile: a short path (Electron's socket limit) and no state from earlier runs.
      '--user-data-dir',
      path.join(tmp, 'ud'),
      '--extensions-dir',
      path.join(tmp, 'ext'),
    ],
  });
} catch (err) {
  console.error(`[e2e] desktop run failed: ${err?.message ?? err}`);
  code = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
process.exit(code);
