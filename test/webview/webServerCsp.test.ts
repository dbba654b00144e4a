/**
 * The web worker language server (out/web/server.js) under a Content-Security-Policy without
 * 'unsafe-eval', as vscode.dev and github.dev may serve it: headless Chromium starts it as a
 * worker from a server whose responses carry `script-src 'self'`, a small LSP client in the page
 * answers its requests for team packs and config files, and the test reads the diagnostics of a
 * runbook. Any `eval`/`new Function` in the server would be refused and reported to `/csp`.
 * A control worker that does call `new Function` proves the policy is enforced here.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const NONCE = 'bHNwLWNsaWVudC10ZXN0';
/** What vscode.dev's worker would get at most: scripts from its own origin, no eval. */
const WORKER_CSP = "default-src 'none'; script-src 'self'; report-uri /csp";
const PAGE_CSP = `default-src 'none'; script-src 'nonce-${NONCE}'; worker-src 'self'; report-uri /csp`;

const FOLDER = 'vscode-vfs://github/org/repo';
const RUNBOOK = `${FOLDER}/broken/dr-setup-without-switch.runbook.yaml`;
const PACK =
  'pack: 1\nrules:\n  - id: team/smoke\n    kind: requires\n    severity: warning\n    summary: s\n' +
  '    message: Add a smoke test.\n    step: { action: manual, with: { check: smoke } }\n';

/** The page: a minimal LSP client over postMessage, answering the server's requests as the web client does. */
function page(worker: string, runbookText: string): string {
  const client = `
const log = (window.__log = []);
const diagnostics = (window.__diagnostics = {});
const worker = new Worker(${JSON.stringify(worker)});
let id = 0;
const send = (m) => worker.postMessage({ jsonrpc: '2.0', ...m });
const answers = {
  'runbook/teamPackFiles': () => [{ uri: ${JSON.stringify(`${FOLDER}/.runbook/rules/team.yaml`)}, text: ${JSON.stringify(PACK)} }],
  'runbook/configFiles': () => ({
    files: [{ uri: ${JSON.stringify(`${FOLDER}/broken/.runbookrc.json`)}, text: '{"rules":{"dr-setup-switch":"off"}}' }],
    repositoryRoots: [${JSON.stringify(FOLDER)}],
  }),
};
worker.onmessage = (e) => {
  const m = e.data;
  if (typeof m === 'string') { log.push(m); return; }
  if (m.method === 'textDocument/publishDiagnostics') diagnostics[m.params.uri] = m.params.diagnostics;
  else if (m.method === 'window/logMessage') log.push(m.params.message);
  if (m.method && m.id !== undefined) send({ id: m.id, result: answers[m.method] ? answers[m.method]() : null });
  if (m.id === 1 && m.result) {
    send({ method: 'initialized', params: {} });
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri: ${JSON.stringify(RUNBOOK)}, languageId: 'runbook', version: 1, text: ${JSON.stringify(runbookText)} } } });
  }
};
worker.onerror = (e) => log.push('worker error: ' + e.message);
send({ id: ++id, method: 'initialize', params: { processId: null, rootUri: ${JSON.stringify(FOLDER)}, capabilities: {}, workspaceFolders: [{ uri: ${JSON.stringify(FOLDER)}, name: 'repo' }] } });
`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script nonce="${NONCE}">${client}</script></body></html>`;
}

let browser: Browser;
let server: Server;
let origin: string;
const reports: string[] = [];

before(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it or set CHROMIUM_PATH; this test cannot run without it.`,
    );
  const script = join(ROOT, 'out/web/server.js');
  if (!existsSync(script) || statSync(script).mtimeMs < statSync(join(ROOT, 'server/src/browserMain.ts')).mtimeMs)
    throw new Error('out/web/server.js is missing or older than its source: run `node esbuild.mjs` first');
  const runbookText = readFileSync(join(ROOT, 'examples/broken/dr-setup-without-switch.runbook.yaml'), 'utf8');
  server = createServer((req, res) => {
    if (req.url === '/csp' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        reports.push(body);
        res.writeHead(204);
        res.end();
      });
      return;
    }
    const js = { 'content-type': 'text/javascript', 'content-security-policy': WORKER_CSP };
    if (req.url === '/server.js') {
      res.writeHead(200, js);
      res.end(readFileSync(script));
    } else if (req.url === '/evil.js') {
      res.writeHead(200, js);
      res.end("let r; try { r = String(new Function('return 42')()); } catch (e) { r = e.name; } postMessage(r);");
    } else if (req.url === '/' || req.url === '/control') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP });
      res.end(page(req.url === '/' ? '/server.js' : '/evil.js', runbookText));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

test('the policy is enforced on a worker here: new Function is refused and reported', async () => {
  const p = await browser.newPage();
  await p.goto(`${origin}/control`);
  const log = await p.waitForFunction(() => (window as unknown as { __log: string[] }).__log[0], undefined, {
    timeout: 20_000,
  });
  assert.equal(await log.jsonValue(), 'EvalError');
  await p.close();
});

test('the web worker server checks a runbook with a team pack and a config file, and nothing it runs needs eval', async () => {
  reports.length = 0;
  const p = await browser.newPage();
  const errors: string[] = [];
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await p.goto(`${origin}/`);
  const handle = await p.waitForFunction(
    (uri) => {
      const d = (window as unknown as { __diagnostics: Record<string, { code?: unknown }[]> }).__diagnostics[uri];
      return d && d.some((x) => x.code === 'team/smoke') ? d : undefined;
    },
    RUNBOOK,
    { timeout: 60_000 },
  );
  const codes = ((await handle.jsonValue()) as { code?: unknown }[]).map((d) => String(d.code));
  // The pack's rule ran (its validators are the build-time ones) and the config file turned a rule off.
  assert.ok(codes.includes('team/smoke'), codes.join(', '));
  assert.ok(!codes.includes('dr-setup-switch'), `the .runbookrc.json did not apply: ${codes.join(', ')}`);
  const log = (await p.evaluate(() => (window as unknown as { __log: string[] }).__log)).join('\n');
  assert.doesNotMatch(log, /EvalError|unsafe-eval|Content Security Policy|Uncaught|Unhandled/);
  assert.deepEqual(
    errors.filter((e) => /eval|Content Security Policy/i.test(e)),
    [],
  );
  // Reports are sent asynchronously: give any a moment to arrive.
  await p.waitForTimeout(500);
  assert.deepEqual(reports, []);
  await p.close();
});
