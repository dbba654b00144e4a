#!/usr/bin/env node
// `npm start`: build, then open the extension in a real VS Code on examples/.
//  - desktop `code` on PATH: an Extension Development Host window, like F5;
//  - otherwise (this offline machine): code-server in the browser, with the repo linked into
//    its extensions folder. A link, not the test launcher's `payload` URL parameter: payload's
//    extensionDevelopmentPath is only honoured with the smoke-test driver on, a test hook.
//    After a rebuild (`npm run watch` in another terminal), "Developer: Reload Window" picks
//    the new code up.
// Env: PORT (default 8080), RUNBOOK_START=code-server to use code-server even if `code` exists.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(REPO, 'examples');
const STATE = path.join(REPO, '.cache/start'); // kept between starts: settings, opened editors
const LOCK = path.join(REPO, '.cache/start.lock');
const PORT = Number(process.env.PORT || 8080);
const say = (msg) => console.log(`[start] ${msg}`);

// --- build -----------------------------------------------------------------------------------
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
if (build.status !== 0) {
  say('build failed, not starting');
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
if (manifest.main && !fs.existsSync(path.join(REPO, manifest.main)))
  say(`warning: ${manifest.main} was not built; the extension cannot activate`);

// --- desktop VS Code -------------------------------------------------------------------------
const hasCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
if (hasCode && process.env.RUNBOOK_START !== 'code-server') {
  const r = spawnSync('code', [`--extensionDevelopmentPath=${REPO}`, EXAMPLES], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

// --- one code-server at a time ---------------------------------------------------------------
const url = `http://127.0.0.1:${PORT}/?folder=${encodeURIComponent(EXAMPLES)}`;
function isOurStarter(pid) {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if (e.code === 'ESRCH') return false;
  }
  // A recycled pid is not ours: check what runs under it where /proc tells us.
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start.mjs');
  } catch {
    return true;
  }
}
fs.mkdirSync(path.dirname(LOCK), { recursive: true });
for (;;) {
  try {
    fs.writeFileSync(LOCK, JSON.stringify({ pid: process.pid, url }) + '\n', { flag: 'wx' });
    break;
  } catch (e) {
    // atomic
    if (e.code !== 'EEXIST') throw e;
  }
  let other = {};
  try {
    other = JSON.parse(fs.readFileSync(LOCK, 'utf8'));
  } catch {
    /* half-written or garbage: stale */
  }
  if (other.pid && isOurStarter(other.pid)) {
    say(`npm start is already running (pid ${other.pid}): open ${other.url}`);
    say(`stop it with Ctrl-C in its terminal, or: kill ${other.pid}`);
    process.exit(1);
  }
  say(`removing stale lock of dead pid ${other.pid ?? '?'}`);
  fs.rmSync(LOCK, { force: true });
}

// --- code-server -----------------------------------------------------------------------------
let server;
let stopping = false;
// VS Code leaves vscode-ipc-*.sock / vscode-git-*.sock in its TMPDIR: give it one we remove.
// Under os.tmpdir(), not the repo: unix socket paths must stay under ~107 characters.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runbook-start-'));
function signalGroup(sig) {
  try {
    process.kill(-server.pid, sig);
    return true;
  } catch {
    return false;
  }
}
function releaseLock() {
  try {
    if (JSON.parse(fs.readFileSync(LOCK, 'utf8')).pid === process.pid) fs.rmSync(LOCK);
  } catch {
    /* gone */
  }
}
async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (server) {
    // The whole group: code-server, its extension host, the language server and terminals.
    signalGroup('SIGTERM');
    for (let i = 0; i < 30 && signalGroup(0); i++) await new Promise((r) => setTimeout(r, 100));
    signalGroup('SIGKILL');
  }
  releaseLock();
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(sig, () => {
    say('stopping');
    stop(0);
  });
process.on('exit', () => {
  if (server) signalGroup('SIGKILL');
  releaseLock();
});

const install = spawnSync('bash', [path.join(REPO, 'scripts/install-code-server.sh')], {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (install.status !== 0) {
  say('scripts/install-code-server.sh failed');
  await stop(1);
}
const codeServerBin = install.stdout.trim().split('\n').pop();

// Link the repo in as an installed extension; drop links left by an older version number.
const extDir = path.join(STATE, 'extensions');
const id = `${manifest.publisher}.${manifest.name}`;
fs.mkdirSync(extDir, { recursive: true });
for (const entry of fs.readdirSync(extDir)) {
  if (entry.startsWith(`${id}-`) && fs.lstatSync(path.join(extDir, entry)).isSymbolicLink())
    fs.rmSync(path.join(extDir, entry));
}
fs.symlinkSync(REPO, path.join(extDir, `${id}-${manifest.version}`), 'dir');

const logFile = path.join(STATE, 'code-server.log');
const log = fs.openSync(logFile, 'w');
server = spawn(
  path.join(REPO, '.cache/code-server/node/bin/node'),
  [
    codeServerBin,
    '--auth',
    'none', // bound to 127.0.0.1 only
    '--bind-addr',
    `127.0.0.1:${PORT}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '10', // a reloaded tab must not leave the old extension host holding the workspace
    '--user-data-dir',
    path.join(STATE, 'user-data'),
    '--extensions-dir',
    extDir,
    EXAMPLES,
  ],
  {
    detached: true, // own process group, so stop() reaches every descendant
    stdio: ['ignore', log, log],
    // Keep code-server's config.yaml, logs and device id out of the user's home.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(STATE, 'xdg-config'),
      XDG_DATA_HOME: path.join(STATE, 'xdg-data'),
      XDG_CACHE_HOME: path.join(STATE, 'xdg-cache'),
      TMPDIR: tmp,
    },
  },
);
server.on('exit', (code, sig) => {
  if (stopping) return;
  const tail = fs.readFileSync(logFile, 'utf8');
  console.error(tail.split('\n').slice(-30).join('\n'));
  if (/EADDRINUSE/.test(tail)) say(`port ${PORT} is in use by another program: try PORT=8081 npm start`);
  else say(`code-server exited (code ${code}, signal ${sig}); full log: ${logFile}`);
  stop(1);
});

// Announce the URL once code-server says it listens (it writes to the log file, so poll it).
for (let i = 0; i < 600 && !stopping; i++) {
  if (/HTTP server listening on/.test(fs.readFileSync(logFile, 'utf8'))) {
    say(`Runbook Studio is running in code-server (log: ${path.relative(REPO, logFile)})`);
    say(`open: ${url}`);
    say('Ctrl-C stops it. After `npm run build`, run "Developer: Reload Window" in the editor.');
    break;
  }
  await new Promise((r) => setTimeout(r, 100));
}
