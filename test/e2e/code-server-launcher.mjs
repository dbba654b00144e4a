#!/usr/bin/env node
// Runs the e2e suite inside a real VS Code workbench, offline: code-server (VS Code's server +
// web workbench, on Node 24) driven by headless Debian Chromium through playwright-core.
// The recipe and the reason for every flag: /work/shared/design/testing.md.
//
// Usage: node test/e2e/code-server-launcher.mjs [workspace-folder]
//   default workspace: a temp copy of examples/, so tests can never modify the checked-in files.
// Env:
//   RUNBOOK_E2E_TIMEOUT_MS  overall limit (default 300000); on expiry everything is killed, exit 1
//   RUNBOOK_E2E_EXTENSION   extension development path (default: this repo)
//   RUNBOOK_E2E_TESTS       built test entry exporting run() (default: out/test/e2e/index.js)
//   RUNBOOK_E2E_VERBOSE=1   also print the workbench's own log lines
//   RUNBOOK_E2E_KEEP=1      keep the temp dir (user data, logs, workspace copy) for debugging
//   RUNBOOK_E2E_HOST=web    run the extension and the tests in the workbench's web worker extension
//                           host instead of the Node one (the web build; tests: out/test/e2e-web/index.js)
//   RUNBOOK_E2E_GREP        run only the tests whose full title matches (mocha's grep); drivers
//                           serving other tests are not started
// Exit code: the suite's (0 pass, 1 fail); 1 for infrastructure failures, 130 on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { startDrivers } from './page-bridge.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TIMEOUT_MS = Number(process.env.RUNBOOK_E2E_TIMEOUT_MS ?? 300_000);
const VERBOSE = process.env.RUNBOOK_E2E_VERBOSE === '1';
const extensionPath = path.resolve(process.env.RUNBOOK_E2E_EXTENSION ?? REPO);
const WEB = process.env.RUNBOOK_E2E_HOST === 'web';
const testsPath = path.resolve(
  process.env.RUNBOOK_E2E_TESTS ?? path.join(REPO, WEB ? 'out/test/e2e-web/index.js' : 'out/test/e2e/index.js'),
);
const started = Date.now();
// Workbench log lines that say nothing about the tests; offline gallery/GitHub lookups fail by design.
const WORKBENCH_NOISE = new RegExp(
  /^\[(AgentHost(:remote)?|ChatModelSelection|reconnection-grace-time|Service Worker|AccountPolicyGate)\]/.source +
    /|^Resolv(ing|ed) connection token|^Creating a socket|^Updating additional builtin extensions cache/.source +
    /|ENOTFOUND (open-vsx\.org|api\.github\.com)|ERR_NAME_NOT_RESOLVED/.source,
);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'runbook-e2e-'));
let server; // code-server child, leader of its own process group
let browser;
let serverLog = '';
let finishing = false;
let timer;

function mkdir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
function say(msg) {
  process.stderr.write(`[e2e] ${msg}\n`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Signals code-server's whole process group; false once the group is empty. Sync, for 'exit'. */
function signalGroup(signal) {
  if (!server?.pid) return false;
  // Negative pid = the group: code-server's wrapper, its server, the extension host and anything
  // the tests spawned (language server, shells). The wrapper's pid alone would leave orphans.
  try {
    process.kill(-server.pid, signal);
    return true;
  } catch {
    return false;
  }
}

async function stopServer() {
  signalGroup('SIGTERM');
  for (let i = 0; i < 30 && signalGroup(0); i++) await sleep(100); // a clean exit flushes its logs
  signalGroup('SIGKILL');
  for (let i = 0; i < 20 && signalGroup(0); i++) await sleep(100); // dead before its files are removed
}

async function finish(code, why, { dumpLog = code !== 0 } = {}) {
  if (finishing) return;
  finishing = true;
  clearTimeout(timer);
  if (why) say(why);
  if (dumpLog && serverLog) say(`code-server output (tail):\n${serverLog.split('\n').slice(-40).join('\n')}`);
  await Promise.race([browser?.close().catch(() => {}), sleep(5000)]);
  await stopServer();
  if (process.env.RUNBOOK_E2E_KEEP === '1') say(`kept ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  say(`exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code);
}

process.on('SIGINT', () => finish(130, 'interrupted', { dumpLog: false }));
process.on('SIGTERM', () => finish(143, 'terminated', { dumpLog: false }));
process.on('uncaughtException', (err) => finish(1, `launcher error: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => finish(1, `launcher error: ${err?.stack ?? err}`));
process.on('exit', () => signalGroup('SIGKILL')); // last resort if something calls process.exit

// --- prerequisites -----------------------------------------------------------------------
if (!fs.existsSync(testsPath)) {
  await finish(1, `test entry ${testsPath} is missing: run \`npm run build\` first`);
}
// The install script is instant once cached; on a fresh machine it installs (~1.5 min).
const install = spawnSync('bash', [path.join(REPO, 'scripts/install-code-server.sh')], {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (install.status !== 0) await finish(1, 'scripts/install-code-server.sh failed');
const codeServerBin = install.stdout.trim().split('\n').pop();
// The limit starts after the one-off install, so a fresh machine gets the same time for the run.
timer = setTimeout(
  () => finish(1, `TIMEOUT: no result after ${TIMEOUT_MS / 1000} s (RUNBOOK_E2E_TIMEOUT_MS)`),
  TIMEOUT_MS,
);
// Run code-server's entry with Node 24 explicitly instead of putting Node 24 on PATH: tests
// that spawn `node` should get the project's Node, not code-server's.
const node24 = path.join(REPO, '.cache/code-server/node/bin/node');

// --- workspace ---------------------------------------------------------------------------
let workspace = process.argv[2] ? path.resolve(process.argv[2]) : path.join(tmp, 'workspace');
if (!process.argv[2]) fs.cpSync(path.join(REPO, 'examples'), workspace, { recursive: true });
if (!fs.existsSync(workspace)) await finish(1, `workspace ${workspace} does not exist`);
workspace = fs.realpathSync(workspace);

// --- web worker extension host (RUNBOOK_E2E_HOST=web) -----------------------------------------
// The payload's `extensionDevelopmentKind` would be the way, but VS Code 1.139's web workbench
// stores it as `extensionDevelopmentLocationKind` and never reads it back. The documented user
// setting `remote.extensionKind` does the same job: kind "web" makes the workbench run the
// extension in its web worker host (from the manifest's `browser` entry), never in Node.
if (WEB) {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  fs.writeFileSync(
    path.join(mkdir(path.join(tmp, 'user-data', 'User')), 'settings.json'),
    JSON.stringify({ 'remote.extensionKind': { [id]: ['web'] } }),
  );
}

// --- code-server -------------------------------------------------------------------------
const bridgeDir = mkdir(path.join(tmp, 'bridge'));
const args = [
  codeServerBin,
  '--auth',
  'none',
  '--bind-addr',
  '127.0.0.1:0', // port 0: parallel runs never collide; the port is read from the log
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--disable-getting-started-override',
  '--reconnection-grace-time',
  '5', // else the extension host outlives the browser for hours
  '--vscode-option',
  'enable-smoke-test-driver', // makes the workbench honour extensionTestsPath
  '--user-data-dir',
  path.join(tmp, 'user-data'),
  '--extensions-dir',
  path.join(tmp, 'extensions'),
  workspace,
];
server = spawn(node24, args, {
  detached: true, // own process group, so one kill reaches every descendant
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    RUNBOOK_E2E_WORKSPACE: workspace, // reaches the tests: the extension host is this process's child
    RUNBOOK_E2E_USER_DATA: path.join(tmp, 'user-data'), // the tests read the extension host's log from here
    RUNBOOK_E2E_BRIDGE: bridgeDir, // the tests ask the page questions here (./page-bridge.mjs)
    // Keep code-server's config.yaml, logs and device id out of the user's home.
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    // VS Code leaves vscode-ipc-*.sock / vscode-git-*.sock in os.tmpdir(): keep them in ours.
    TMPDIR: mkdir(path.join(tmp, 't')),
  },
});
server.on('exit', (code, signal) => {
  if (!finishing) finish(1, `code-server exited early (code ${code}, signal ${signal})`);
});
const base = await new Promise((resolve) => {
  let found = false;
  const onData = (chunk) => {
    const text = chunk.toString();
    serverLog = (serverLog + text).slice(-100_000); // enough for a useful tail
    if (VERBOSE) process.stderr.write(text);
    const m = !found && /HTTP server listening on (http:\/\/\S+?)\/?(\s|$)/.exec(serverLog);
    if (m) {
      found = true;
      resolve(m[1]);
    }
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
});
say(`code-server up at ${base} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

// --- browser -----------------------------------------------------------------------------
const { chromium } = await import('playwright-core');
browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', // Playwright's own browser download is blocked offline
  headless: true,
  // Playwright's own handlers would process.exit() before our cleanup removes code-server.
  handleSIGINT: false,
  handleSIGTERM: false,
  handleSIGHUP: false,
  // Its crash-report and dconf folders would otherwise land in ~/.config and ~/.cache.
  env: {
    ...process.env,
    XDG_CONFIG_HOME: path.join(tmp, 'chromium-config'),
    XDG_CACHE_HOME: path.join(tmp, 'chromium-cache'),
  },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
browser.on('disconnected', () => finish(1, 'Chromium went away before the suite ended'));
const context = await browser.newContext();
let exitWith;
const result = new Promise((resolve) => {
  exitWith = resolve;
});
// The smoke-test driver looks these up on window. Exit is called once the extension host
// that ran extensionTestsPath has ended, with run()'s outcome as the code.
await context.exposeFunction('codeAutomationExit', (code) => exitWith(Number(code)));
await context.exposeFunction('codeAutomationLog', (type, args) => {
  // In test mode the workbench relays the extension host's console (the mocha reporter, the
  // tests' own logs) through its logger, mixed with and indistinguishable from its own chatter;
  // drop the known chatter (all of it with RUNBOOK_E2E_VERBOSE=1 kept).
  const text = Array.isArray(args) ? format(...args) : String(args);
  if (VERBOSE || !WORKBENCH_NOISE.test(text)) (type === 'error' ? process.stderr : process.stdout).write(text + '\n');
});
// The authority is the literal word "remote", except for the web host: the workbench runs the
// tests in the host of the extension whose folder holds them, comparing URIs with their
// authority, and the extension's folder carries the real one.
const authority = WEB ? new URL(base).host : 'remote';
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`],
  ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
];
const page = await context.newPage();
page.on('crash', () => finish(1, 'the workbench page crashed'));
const url = `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
say(`opening ${url}`);
// Wait for the response only: the suite's own result (or the overall timeout) says the rest, and
// a full "load" can take over playwright's 30 s default on a busy 2-core machine.
await page.goto(url, { waitUntil: 'commit' });
// Drivers do in the page what the extension host cannot, such as clicking inside a webview or
// reading the status bar. A driver that fails fails the run, even when the suite passed.
const driverFailures = [];
// The web host runs another suite (test/e2e-web): only the jobs that name a test of it start.
const drivers = await startDrivers({ page, log: say, bridgeDir, grep: process.env.RUNBOOK_E2E_GREP, web: WEB });
drivers.onFailure((name, err) => {
  driverFailures.push(`${name}: ${err.message.split('\n')[0]}`);
  say(`driver ${name} FAILED: ${err.message.split('\n')[0]}`);
});
const suiteCode = await result;
drivers.stop();
// A driver that failed, or one whose test ran but that never got to do its part, means the page
// did not do what a test relied on: the run fails even if every test passed.
const unfinished = drivers.unfinished();
for (const name of unfinished) driverFailures.push(`${name}: never finished (its test ran without it)`);
const code = suiteCode === 0 && driverFailures.length ? 1 : suiteCode;
// A failing suite already printed why; the server log only helps when the machinery broke.
await finish(
  code,
  code === 0
    ? 'e2e suite passed'
    : driverFailures.length
      ? `e2e run FAILED: ${driverFailures.join('; ')}`
      : `e2e suite FAILED (exit code ${code})`,
  { dumpLog: false },
);
