/**
 * Time from a key press in the checklist to the event on disk, in two measured halves:
 * 1. the page: Space on a step row → the `act` message posted (headless Chromium, the built page);
 * 2. the host: that request → decided on the freshest file and written atomically under its lock
 *    (node/applyRequest.ts on a real record of 300 events in a temp folder).
 * The webview → extension host hop is an in-process postMessage (not measurable here).
 * Run: node esbuild.mjs && npx tsx scripts/measure-tick-latency.ts
 */
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { createLanguageService } from '../core/service';
import { planFromParsed } from '../core/records/plan';
import { startEvent } from '../core/records/commands';
import { foldRun } from '../core/records/fold';
import type { RunEvent } from '../core/records/events';
import { createRecord, updateRecord } from '../node/recordFiles';
import { applyRequest } from '../node/applyRequest';
import { buildModel } from '../client/src/checklist/model';
import { checklistHtml, nonce } from '../client/src/checklist/html';

const ROOT = resolve(__dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

const steps = Array.from({ length: 60 }, (_, i) => `  - id: s${i}\n    action: manual\n`).join('');
const text = `runbook: 1\ntitle: Latency\nscenario: backup\nserver: { name: EXCH01 }\nsteps:\n${steps}`;
const plan = planFromParsed(createLanguageService().parsed('file:///w/l.runbook.yaml', text));

function hostHalf(): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'tick-latency-'));
  const file = join(dir, 'l.runbook-run');
  const t0 = Date.parse('2026-11-25T09:00:00.000Z');
  createRecord(
    file,
    startEvent(plan, 'l.runbook.yaml', { now: new Date(t0).toISOString(), by: 'A', rehearsal: false }),
  );
  // 300 events already in the record (notes), as after a long night.
  for (let i = 0; i < 300; i++)
    updateRecord(file, () => ({
      event: { at: new Date(t0 + i * 1000).toISOString(), by: 'A', event: 'note', note: `n${i}` } as RunEvent,
    }));
  const times: number[] = [];
  for (let round = 0; round < 60; round++) {
    const id = `s${round}`;
    const start = performance.now();
    const r = applyRequest(file, (rec) => ({ plan, state: rec.state, now: new Date().toISOString(), by: 'B' }), {
      kind: 'tick',
      step: id,
      override: 'latency test',
    });
    times.push(performance.now() - start);
    if (!('event' in r)) throw new Error(r.message);
  }
  if (!readFileSync(file, 'utf8').includes('"step":"s59"')) throw new Error('not on disk');
  rmSync(dir, { recursive: true, force: true });
  return times;
}

async function pageHalf(): Promise<number[]> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') {
      res.end(
        checklistHtml({ cspSource: origin, nonce: nonce(), scriptUri: `${origin}/w.js`, styleUri: `${origin}/c.css` }),
      );
    } else if (url === '/w.js') res.end(readFileSync(join(ROOT, 'out/webview.js')));
    else if (url === '/c.css') res.end(readFileSync(join(ROOT, 'media/checklist.css')));
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox'],
    headless: true,
  });
  const page = await browser.newPage();
  await page.addInitScript({
    content: `window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>{if(m.type==='act')window.__posted.push(performance.now()-window.__down);},getState:()=>undefined,setState:()=>{}});
    document.addEventListener('keydown',()=>{window.__down=performance.now();},true);`,
  });
  await page.goto(origin);
  const state = foldRun([
    startEvent(plan, 'l.runbook.yaml', { now: new Date().toISOString(), by: 'A', rehearsal: false }),
  ]);
  const model = buildModel({
    runbookUri: 'file:///w/l.runbook.yaml',
    runbookPath: 'l.runbook.yaml',
    plan,
    errorCount: 0,
    trusted: true,
    runs: [],
    record: { id: 'r', path: 'r.runbook-run', state, problems: [] },
  });
  await page.evaluate((m) => window.postMessage({ type: 'model', model: m }, '*'), model);
  await page.locator('li.step').first().focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Space'); // s0 has no blockers: a tick each time
  const times = await page.evaluate(() => (window as unknown as { __posted: number[] }).__posted);
  await browser.close();
  server.close();
  return times;
}

void (async () => {
  const host = hostHalf();
  const pageTimes = await pageHalf();
  console.log(
    `page: key press → act posted: median ${median(pageTimes).toFixed(2)} ms, p95 ${p95(pageTimes).toFixed(2)} ms (n=${pageTimes.length})`,
  );
  console.log(
    `host: act → event on disk (decide, lock, atomic write, fsync): median ${median(host).toFixed(2)} ms, p95 ${p95(host).toFixed(2)} ms (n=${host.length})`,
  );
  console.log(`total (page + host): median ${(median(pageTimes) + median(host)).toFixed(2)} ms`);
})();
