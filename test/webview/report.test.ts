/**
 * The run report view in headless Chromium: the page the host renders (client/src/report/html.ts)
 * with the built script (out/reportView.js) under its real CSP, and a fake `acquireVsCodeApi`.
 * `SCREENSHOT=1` also writes images/report-{light,dark,hc}.png for the README (hc: high contrast),
 * and whole-page and long-run views to test-results/ to look at.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { nonce, reportPageHtml } from '../../client/src/report/html';
import { buildReport, type RunReport } from '../../core/records/report';
import { foldRun } from '../../core/records/fold';
import type { RunEvent } from '../../core/records/events';
import { sampleRun } from '../unit/records/reportFixtures';
import { planOf } from '../unit/records/helpers';

const ROOT = resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

let browser: Browser;
let server: Server;
let origin: string;
/** What the server answers at `/` for the next page. */
let current: { report: RunReport; zone: string };

before(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it or set CHROMIUM_PATH; this test cannot run without it.`,
    );
  const script = join(ROOT, 'out/reportView.js');
  if (!existsSync(script) || statSync(script).mtimeMs < statSync(join(ROOT, 'client/webview/report/main.ts')).mtimeMs)
    throw new Error('out/reportView.js is missing or older than its source: run `npm run build` first');
  server = createServer((req, res) => {
    if (req.url === '/out/reportView.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(readFileSync(script));
      return;
    }
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        reportPageHtml(
          { nonce: nonce(), scriptUri: `${origin}/out/reportView.js`, timeZone: current.zone },
          current.report,
        ),
      );
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

const THEMES = {
  light: {
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-yellow': '#bf8803',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-purple': '#652d90',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
    '--vscode-font-size': '13px',
  },
  dark: {
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-yellow': '#cca700',
    '--vscode-charts-red': '#f14c4c',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
    '--vscode-font-size': '13px',
  },
  // VS Code's "Dark High Contrast" theme.
  hc: {
    '--vscode-foreground': '#ffffff',
    '--vscode-editor-background': '#000000',
    '--vscode-descriptionForeground': '#ffffff',
    '--vscode-panel-border': '#6fc3df',
    '--vscode-contrastBorder': '#6fc3df',
    '--vscode-charts-green': '#89d185',
    '--vscode-charts-yellow': '#ffd700',
    '--vscode-charts-red': '#f48771',
    '--vscode-charts-blue': '#75beff',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-editorWidget-background': '#0c141f',
    '--vscode-button-background': '#000000',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-border': '#6fc3df',
    '--vscode-focusBorder': '#f38518',
    '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
    '--vscode-font-size': '13px',
  },
};

interface Harness {
  page: Page;
  errors: string[];
  posted(): Promise<unknown[]>;
  csp(): Promise<string[]>;
}

async function open(
  report: RunReport,
  theme: keyof typeof THEMES = 'dark',
  zone = 'UTC',
  viewport = { width: 1100, height: 900 },
): Promise<Harness> {
  current = { report, zone };
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.addInitScript({
    content: `
    window.__posted = [];
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });`,
  });
  page.setDefaultTimeout(5000);
  await page.goto(origin);
  await page.evaluate((vars) => {
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
  }, THEMES[theme]);
  return {
    page,
    errors,
    posted: () => page.evaluate('window.__posted') as Promise<unknown[]>,
    csp: () => page.evaluate('window.__csp') as Promise<string[]>,
  };
}

const plan = planOf();
const sample = () =>
  buildReport(foldRun(sampleRun('2026-11-25T09:00:00.000Z', { rehearsal: false, by: 'Alice' })), { plan });

test('one bar per started step, and no bar for a step that was never begun', async () => {
  const report = sample();
  const h = await open(report);
  const bars = await h.page
    .locator('svg.timeline rect.bar')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
  const started = report.steps.filter((s) => s.startedAt).map((s) => s.id);
  assert.deepEqual(bars, started);
  assert.ok(!bars.includes('check-disk'), 'skipped without a begin: a skip marker, no bar');
  assert.deepEqual(h.errors, []);
  assert.deepEqual(await h.csp(), []);
  await h.page.close();
});

test('a short editor with the chart below the fold: its first rows are drawn all the same', async () => {
  // A report opened in an editor under the panel: the header fills the window, the chart starts
  // below it. The page must not wait for a scroll to draw anything (found in code-server).
  const report = sample();
  const h = await open(report, 'dark', 'UTC', { width: 700, height: 300 });
  const below = await h.page
    .locator('svg.timeline')
    .last()
    .evaluate((e) => e.getBoundingClientRect().top > window.innerHeight);
  assert.ok(below, 'the chart starts below the window in this layout');
  const bars = await h.page
    .locator('svg.timeline rect.bar')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
  assert.deepEqual(
    bars,
    report.steps.filter((s) => s.startedAt).map((s) => s.id),
  );
  assert.deepEqual(h.errors, []);
  await h.page.close();
});

test('markers sit at their event time on their step row', async () => {
  const report = sample();
  const h = await open(report);
  const marks = await h.page.locator('svg.timeline g.mk').evaluateAll((els) =>
    els.map((e) => ({
      kind: e.getAttribute('data-kind'),
      step: e.getAttribute('data-step'),
      at: e.getAttribute('data-at'),
      box: e.getBoundingClientRect(),
    })),
  );
  const kinds = marks.map((m) => `${m.kind}:${m.step ?? 'run'}`).sort();
  assert.deepEqual(kinds, [
    'finish:run',
    'note:confirm-backup',
    'note:run',
    'override:restore-store',
    'signoff:restore-store',
    'skip:check-disk',
    'undo:copy-files',
  ]);
  // Same time scale as the bars: a bar starts at its begin, ends at its done; markers centre on their time.
  const bar = await h.page.locator('rect.bar[data-step="restore-store"]').evaluate((e) => e.getBoundingClientRect());
  const s = report.steps.find((x) => x.id === 'restore-store')!;
  const pxPerMs = bar.width / (Date.parse(s.at!) - Date.parse(s.startedAt!));
  for (const m of marks.filter((x) => x.step)) {
    const expected = bar.x + (Date.parse(m.at!) - Date.parse(s.startedAt!)) * pxPerMs;
    assert.ok(Math.abs(m.box.x + m.box.width / 2 - expected) < 3, `${m.kind} on ${m.step} at its time`);
  }
  const override = marks.find((m) => m.kind === 'override')!;
  assert.ok(Math.abs(override.box.y + override.box.height / 2 - (bar.y + bar.height / 2)) < 2, 'on the step row');
  // The idle gap is drawn where the record has nothing in progress.
  assert.equal(await h.page.locator('svg.timeline rect.idle').count(), report.idle.length);
  assert.ok(report.idle.length > 0);
  await h.page.close();
});

test('keyboard: Tab reaches the toolbar and the chart; focus shows the details; Enter jumps to the row', async () => {
  const h = await open(sample());
  await h.page.keyboard.press('Tab');
  assert.equal(await h.page.evaluate(() => document.activeElement?.textContent), 'Open as text');
  await h.page.keyboard.press('Enter');
  assert.deepEqual(await h.posted(), [{ type: 'openText' }]);
  await h.page.locator('rect.bar[data-step="copy-files"]').focus();
  assert.match(
    (await h.page.locator('#detail').textContent()) ?? '',
    /^copy-files: done; began 09:16, ended 09:25 by Bob; 9m \(planned 10m\)$/,
  );
  await h.page.keyboard.press('ArrowDown');
  assert.match((await h.page.locator('#detail').textContent()) ?? '', /^Undone 09:15 by Bob: wrong folder$/);
  await h.page.keyboard.press('Enter');
  assert.ok(await h.page.locator('#row-2').evaluate((e) => e.classList.contains('flash')));
  await h.page.close();
});

test('XSS payloads in every string field of a record stay text', async () => {
  const x = (field: string) => `<img src=x onerror="window.__xss='${field}'"><script>window.__xss='${field}'</script>`;
  const events: RunEvent[] = sampleRun('2026-11-25T09:00:00.000Z', { rehearsal: false, by: x('by') }).map((e) => {
    const copy = { ...e } as Record<string, unknown>;
    for (const k of ['note', 'reason', 'override']) if (k in copy) copy[k] = x(k);
    if ('evidence' in copy) copy.evidence = { [x('evidence-key')]: x('evidence-value') };
    if (copy.event === 'start')
      Object.assign(copy, { runbook: x('runbook'), title: x('title'), reason: x('start-reason'), errors: 1 });
    return copy as unknown as RunEvent;
  });
  events.push({ at: '2026-11-25T09:01:00.000Z', by: x('by2'), event: 'done', step: x('step-id') });
  const report = buildReport(foldRun(events));
  // The rows travel as JSON in a data block: no record text may close it early.
  const html = reportPageHtml({ nonce: 'n', scriptUri: '/s.js', timeZone: 'UTC' }, report);
  assert.equal(html.match(/<\/script/gi)?.length, 3, 'only the two data blocks and the page script end a script');
  const h = await open(report);
  await h.page.locator('svg.timeline g.mk').first().hover();
  for (const el of await h.page.locator('svg.timeline [tabindex="0"]').all()) await el.focus();
  assert.equal(await h.page.evaluate('window.__xss'), undefined);
  assert.equal(await h.page.locator('img').count(), 0);
  assert.equal(await h.page.locator('main script').count(), 0);
  const body = (await h.page.locator('main').textContent()) ?? '';
  for (const field of [
    'by',
    'note',
    'reason',
    'override',
    'evidence-key',
    'evidence-value',
    'runbook',
    'title',
    'start-reason',
    'step-id',
  ])
    assert.ok(body.includes(x(field)), `${field} shown as text`);
  assert.deepEqual(h.errors, []);
  assert.deepEqual(await h.csp(), []);
  await h.page.close();
});

/** 250 steps, every fifth never begun (no bar), a minute apart: more rows than one screen holds. */
function longRun(): { report: RunReport; ids: string[] } {
  const ids = Array.from({ length: 250 }, (_, i) => `step-${String(i + 1).padStart(3, '0')}`);
  const t = (s: number) => new Date(Date.parse('2026-11-25T09:00:00.000Z') + s * 1000).toISOString();
  const events: RunEvent[] = [
    {
      at: t(0),
      by: 'Alice',
      event: 'start',
      format: 1,
      runbook: 'big.runbook.yaml',
      sha256: '0'.repeat(64),
      rehearsal: true,
      steps: ids.map((id) => [id, '0']),
    },
  ];
  ids.forEach((id, i) => {
    if (i % 5 === 4) return; // every fifth step never begun: no bar
    events.push({ at: t(60 * i + 1), by: 'Alice', event: 'begin', step: id });
    events.push({ at: t(60 * i + 50), by: 'Alice', event: 'done', step: id });
  });
  return { report: buildReport(foldRun(events)), ids };
}

const drawnBars = (page: Page) =>
  page.locator('svg.timeline rect.bar').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')!));

test('a long run: the rows in sight are drawn first; scrolling through draws one bar per started step, in order', async () => {
  const { report, ids } = longRun();
  const started = ids.filter((_, i) => i % 5 !== 4);
  const h = await open(report);
  // First screen: only the rows in and near the chart's window, not all 200 bars.
  await h.page.waitForFunction(() => performance.getEntriesByName('report:shown').length > 0);
  const atFirst = await drawnBars(h.page);
  assert.ok(atFirst.length > 10 && atFirst.length < 100, `${atFirst.length} bars drawn at first`);
  assert.deepEqual(atFirst, started.slice(0, atFirst.length), 'the first rows, in order');
  // The model the page draws from has a bar for every started step and nothing else.
  const part = async (id: string) => JSON.parse((await h.page.locator(id).textContent()) ?? '{}');
  const [first, rest] = [await part('#report-model'), await part('#report-rest')];
  const rows = [...first.chart.rows, ...rest.chart] as { step: number; bar?: unknown }[];
  assert.deepEqual(
    rows.filter((r) => r.bar).map((r) => ids[r.step]),
    started,
  );
  // Scrolling the chart through shows every bar, each at its row's height, in order.
  const seen: string[] = [];
  const box = h.page.locator('#chart');
  const { scrollHeight, clientHeight } = await box.evaluate((e) => ({
    scrollHeight: e.scrollHeight,
    clientHeight: e.clientHeight,
  }));
  assert.ok(scrollHeight > clientHeight * 2, 'the chart scrolls in its own box');
  for (let top = 0; top < scrollHeight; top += clientHeight / 2) {
    await box.evaluate((e, y) => (e.scrollTop = y), top);
    await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const rows = await h.page
      .locator('svg.timeline rect.bar')
      .evaluateAll((els) => els.map((e) => ({ step: e.getAttribute('data-step')!, y: Number(e.getAttribute('y')) })));
    for (const r of rows) {
      if (!seen.includes(r.step)) seen.push(r.step);
      const c = started.indexOf(r.step);
      assert.equal(r.y, (c + 0.5) * 18 - 5, `${r.step} on its row`);
    }
  }
  assert.deepEqual(seen, started);
  // Rows far from the window are dropped again: the page never holds the whole chart.
  assert.ok((await drawnBars(h.page)).length < started.length / 2);
  await h.page.waitForSelector('body[data-complete="true"]');
  assert.equal(await h.page.locator('table.steps tbody tr').count(), 250);
  assert.deepEqual(h.errors, []);
  assert.deepEqual(await h.csp(), []);
  await h.page.close();
});

test('a long run: arrow keys walk past the drawn rows, and Enter reaches a table row drawn later', async () => {
  const { report, ids } = longRun();
  const started = ids.filter((_, i) => i % 5 !== 4);
  const h = await open(report);
  await h.page.locator(`rect.bar[data-step="${started[0]}"]`).focus();
  for (let i = 0; i < 150; i++) await h.page.keyboard.press('ArrowDown');
  const target = started[150];
  assert.equal(await h.page.evaluate(() => document.activeElement?.getAttribute('data-step')), target);
  assert.match((await h.page.locator('#detail').textContent()) ?? '', new RegExp(`^${target}: done; began `));
  // Walking back up works the same way.
  await h.page.keyboard.press('ArrowUp');
  assert.equal(await h.page.evaluate(() => document.activeElement?.getAttribute('data-step')), started[149]);
  await h.page.keyboard.press('Enter');
  const row = ids.indexOf(started[149]);
  assert.ok(row >= 100, 'a row of the table beyond its first chunk');
  assert.ok(await h.page.locator(`#row-${row}`).evaluate((e) => e.classList.contains('flash')));
  assert.equal(await h.page.locator(`#row-${row} code`).textContent(), started[149]);
  assert.deepEqual(h.errors, []);
  await h.page.close();
});

// Not a check but an artefact: registered only when asked for, so a normal run counts no skip.
if (process.env.SCREENSHOT === '1')
  test('screenshots for the README (SCREENSHOT=1)', async () => {
    mkdirSync(join(ROOT, 'images'), { recursive: true });
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    for (const theme of ['light', 'dark', 'hc'] as const) {
      const h = await open(sample(), theme, 'Europe/Paris');
      await h.page.setViewportSize({ width: 1040, height: 760 });
      await h.page.locator('rect.bar[data-step="restore-store"]').focus();
      await h.page.screenshot({ path: join(ROOT, `images/report-${theme}.png`) });
      // The whole page, to look at (not in the README): test-results/ is not committed.
      await h.page.screenshot({ path: join(ROOT, `test-results/report-${theme}-full.png`), fullPage: true });
      await h.page.close();
    }
    const long = await open(longRun().report, 'dark', 'Europe/Paris');
    await long.page.setViewportSize({ width: 1040, height: 760 });
    await long.page.locator('#chart').evaluate((e) => (e.scrollTop = 1500));
    await long.page.waitForTimeout(200);
    await long.page.screenshot({ path: join(ROOT, 'test-results/report-long-dark.png') });
    await long.page.close();
  });
