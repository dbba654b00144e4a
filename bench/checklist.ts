/**
 * The checklist figures (`npm run bench`, section 7; run.ts prints them and checks the targets):
 *
 *   - tick → run record on disk (target ≤ 20 ms);
 *   - webview first render of a 2,000-step runbook (target ≤ 300 ms).
 *
 * Try it alone (build first so out/webview.js is current):
 *   node esbuild.mjs && node --import tsx -e "require('./bench/checklist').measureChecklist().then(r=>console.log(JSON.stringify(r,null,1)))"
 *
 * 1. Tick → record. The extension's path is measured (the one the operator feels), by calling the
 *    shared functions the way `ChecklistController.act` (client/src/checklist/controller.ts) does:
 *      the record the runbook shows (`listRecords`, which `RunLibrary.records` calls; the run is
 *      the selected one), the runbook's plan (`planFromParsed(service.parsed(uri, text))` with a
 *      long-lived service and the text already in memory, as from the open document), then
 *      `updateRecord` (node/recordFiles.ts): `withLock` → read + parse + fold the record →
 *      `decide` (core/records/commands.ts) → `serializeRecord` of all events + the new one →
 *      `writeAtomic` (temp file, write, fsync, rename).
 *    The clock starts before `listRecords` and stops when `renameSync` of the temp file onto the
 *    record returns (a probe around `fs.renameSync` during the ticks only; it adds a timestamp and
 *    changes nothing else). The rest of `updateRecord` (re-parse of the written text, lock removed)
 *    is reported in the note, not in the figure. Not timed: the operator's name (a setting read in
 *    the extension; a fixed name here), and what follows the write (cache invalidation, the page's
 *    refresh).
 *    The CLI's `run tick` differs from the extension's path: it re-reads the runbook and builds a
 *    fresh language service inside the lock, and runs `git rev-parse` to find the runbook; it is
 *    not what this figure measures.
 *    Set-up: the 2,000-step runbook of bench/generate.ts in bench/tmp/ (on the same disk as the
 *    repository: fsync is real), a run started by the CLI's own `run start` (runCommand), then
 *    1 + TICKS ticks of successive steps in runbook order (evidence filled in where a step asks for
 *    it, a note on every fifth tick). The first tick (cold code in this process) is left out of the
 *    figure and given in the note.
 *
 * 2. First render of 2,000 steps. The built page (out/webview.js, media/checklist.css under the
 *    page's Content Security Policy from client/src/checklist/html.ts) in headless Chromium through
 *    playwright-core, with a fake `acquireVsCodeApi` as in test/webview/checklist.test.ts. The model
 *    is what `buildModel` makes of the 2,000-step runbook and a run with about half its steps done
 *    (evidence values, notes, a few skips, run notes). Each repetition is a fresh page (new browser
 *    context, page loaded, its `ready` received, the model handed to the page untimed); one
 *    repetition before them warms the browser and is not counted. Timed inside the page with
 *    performance.now(): from just before `window.postMessage({ type: 'model', model })` (the
 *    structured clone of the model is included, like VS Code delivering the message) to a task
 *    queued from the `requestAnimationFrame` callback that follows the page's message handler, that
 *    is after the frame that shows the list has had its style, layout and paint. The page's own
 *    handler renders synchronously; a second message listener, added after it, checks that the DOM
 *    then holds 2,000 `li.step` (else the repetition throws). The note adds the DOM-built time and
 *    Chromium's script/style/layout durations over the timed call (CDP `Performance.getMetrics`), to
 *    show where the time goes.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { generateRunbook } from './generate';
import { fmt, ms, summarize, type Summary } from './lib/stats';

export interface ChecklistFigures {
  /**
   * True when a figure could not be measured (no Chromium, out/webview.js missing or older than its
   * sources): `note` then says which and gives the figures that were measured (run.ts prints the note
   * only when skipped), and the measured figure is still returned for the targets table.
   */
  skipped: boolean;
  note?: string;
  /** Tick → record on disk, ms. */
  tickToRecord?: Summary;
  /** Webview first render of 2,000 steps, ms. */
  firstRender2000?: Summary;
}

const ROOT = resolve(__dirname, '..');
export const RECORDS_DIR = resolve(ROOT, 'core/records');
const QUICK = process.env.BENCH_QUICK === '1';
const STEPS = 2_000;
const TICKS = QUICK ? 10 : 50;
const RENDERS = QUICK ? 3 : 15;
const OPERATOR = 'Bench Operator';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The fs module object itself (what recordFiles.ts calls `renameSync` on), for the rename probe. */
const nodeFs: typeof import('node:fs') = createRequire(__filename)('node:fs');

const median = (xs: number[]) => summarize(xs).median;

/** A value each evidence field accepts (its pattern, when it has one). */
function evidenceValue(spec: { key: string; pattern?: string }): string {
  const candidates = ['TAPE-0042', 'sales.user', '1', '5.0.2195.6687'];
  if (!spec.pattern) return spec.key === 'passes' ? '1' : candidates[0];
  let re: RegExp;
  try {
    re = new RegExp(spec.pattern, 'u');
  } catch {
    re = new RegExp(spec.pattern);
  }
  return candidates.find((c) => re.test(c)) ?? candidates[0];
}

// ---- 1. tick → record on disk ----

interface TickResult {
  samples: number[];
  first: number;
  planMs: number[];
  tailMs: number[];
  recordBytes: number;
  events: number;
}

async function measureTicks(): Promise<TickResult> {
  // Loaded here so that `npm run bench` only needs them once the checklist exists.
  const { createLanguageService } = await import('../core/service');
  const { planFromParsed } = await import('../core/records/plan');
  const { decide } = await import('../core/records/commands');
  const { listRecords, updateRecord } = await import('../node/recordFiles');
  const { runCommand } = await import('../cli/src/run/runCommand');

  const dir = resolve(ROOT, 'bench/tmp', `checklist-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'db'), { recursive: true });
  try {
    const book = generateRunbook(STEPS, false);
    const runbook = join(dir, 'db', `restore-${STEPS}.runbook.yaml`);
    writeFileSync(runbook, book.text);
    // Started as `runbook run start <runbook> --operator NAME` does.
    const started = runCommand(['start', runbook, '--operator', OPERATOR], dir, {
      ...process.env,
      RUNBOOK_OPERATOR: OPERATOR,
    });
    if (started.code !== 0) throw new Error(`run start failed: ${started.err}`);
    const record = resolve(dir, started.out);
    if (!existsSync(record)) throw new Error(`run start wrote no record at ${record}`);

    // The extension's state: a language service that has parsed the open document once.
    const service = createLanguageService();
    const uri = `file://${runbook}`;
    const text = book.text; // the open document's getText()
    const order = planFromParsed(service.parsed(uri, text)).steps.filter((s) => s.id);

    // Probe: the moment the temp file is renamed onto the record (writeAtomic's renameSync).
    const realRename = nodeFs.renameSync;
    let renamedAt = NaN;
    nodeFs.renameSync = ((from: string, to: string) => {
      realRename(from, to);
      if (String(to) === record) renamedAt = performance.now();
    }) as typeof nodeFs.renameSync;

    const all: number[] = [],
      planMs: number[] = [],
      tailMs: number[] = [];
    try {
      for (let i = 0; i < 1 + TICKS; i++) {
        const step = order[i];
        const evidence = Object.fromEntries(step.evidence.map((e) => [e.key, evidenceValue(e)]));
        const action = {
          kind: 'tick' as const,
          step: step.id!,
          evidence: step.evidence.length ? evidence : undefined,
          note: i % 5 === 4 ? 'Checked with the help desk before going on.' : undefined,
        };
        renamedAt = NaN;
        const t0 = performance.now();
        // ChecklistController.act: the record shown (selected, so only listed), the plan, then updateRecord.
        const shown = listRecords(runbook);
        if (!shown.includes(record)) throw new Error('the record is not listed');
        const plan = planFromParsed(service.parsed(uri, text));
        const t1 = performance.now();
        const result = updateRecord(record, (loaded) => {
          const d = decide({ plan, state: loaded.state, now: new Date().toISOString(), by: OPERATOR }, action);
          return d.event ? { event: d.event } : d.refusal;
        });
        const t3 = performance.now();
        if (!('event' in result)) throw new Error(`tick of ${step.id} refused: ${result.message}`);
        if (Number.isNaN(renamedAt))
          throw new Error('the rename probe did not fire: writeAtomic no longer calls fs.renameSync');
        all.push(renamedAt - t0);
        planMs.push(t1 - t0);
        tailMs.push(t3 - renamedAt);
      }
    } finally {
      nodeFs.renameSync = realRename;
    }
    const text2 = readFileSync(record, 'utf8');
    return {
      samples: all.slice(1),
      first: all[0],
      planMs: planMs.slice(1),
      tailMs: tailMs.slice(1),
      recordBytes: Buffer.byteLength(text2),
      events: text2.split('\n').filter(Boolean).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- 2. webview first render of 2,000 steps ----

/** The model the page gets for the 2,000-step runbook with about half its steps done. */
export async function bigModel(): Promise<unknown> {
  const { createLanguageService } = await import('../core/service');
  const { planFromParsed } = await import('../core/records/plan');
  const { startEvent } = await import('../core/records/commands');
  const { foldRun } = await import('../core/records/fold');
  const { buildModel } = await import('../client/src/checklist/model');
  type RunEvent = import('../core/records/events').RunEvent;

  const uri = `file:///w/db/restore-${STEPS}.runbook.yaml`;
  const plan = planFromParsed(createLanguageService().parsed(uri, generateRunbook(STEPS, false).text));
  const base = Date.parse('2026-11-25T09:00:00.000Z');
  const T = (s: number) => new Date(base + s * 1000).toISOString();
  const events: RunEvent[] = [
    startEvent(plan, `db/restore-${STEPS}.runbook.yaml`, { now: T(0), by: 'Alice', rehearsal: false }),
  ];
  const ids = plan.steps.filter((s) => s.id);
  const half = Math.floor(ids.length / 2);
  for (let i = 0; i < half; i++) {
    const s = ids[i];
    const at = T(30 * (i + 1));
    const by = i % 3 === 2 ? 'Bob' : 'Alice';
    if (i % 97 === 96) {
      events.push({ at, by, event: 'skip', step: s.id!, reason: 'Done by the night shift; see the change record.' });
      continue;
    }
    const evidence = s.evidence.length
      ? Object.fromEntries(s.evidence.map((e) => [e.key, evidenceValue(e)]))
      : undefined;
    events.push({
      at,
      by,
      event: 'done',
      step: s.id!,
      evidence,
      note: i % 10 === 9 ? 'Checked with the help desk before going on.' : undefined,
    });
    if (i % 50 === 25)
      events.push({
        at: T(30 * (i + 1) + 5),
        by,
        event: 'note',
        step: s.id!,
        note: 'Took longer than planned: the tape library was busy.',
      });
  }
  for (let k = 0; k < 5; k++)
    events.push({
      at: T(30 * half + k),
      by: 'Alice',
      event: 'note',
      note: `Run note ${k + 1}: handed over to the next shift at 14:00.`,
    });
  const state = foldRun(events);
  const recordPath = `db/runs/restore-${STEPS}.20261125T090000Z.runbook-run`;
  return buildModel({
    runbookUri: uri,
    runbookPath: `db/restore-${STEPS}.runbook.yaml`,
    plan,
    errorCount: 0,
    trusted: true,
    runs: [
      { id: `/w/${recordPath}`, label: '2026-11-25 09:00 UTC — Alice', finished: false, rehearsal: false },
      {
        id: '/w/db/runs/old-2',
        label: '2026-11-18 09:00 UTC — Bob (rehearsal) (finished)',
        finished: true,
        rehearsal: true,
      },
      {
        id: '/w/db/runs/old-1',
        label: '2026-11-11 09:00 UTC — Alice (rehearsal) (finished)',
        finished: true,
        rehearsal: true,
      },
    ],
    record: { id: `/w/${recordPath}`, path: recordPath, state, problems: [] },
  });
}

/** Why the page cannot be measured now, or undefined. */
function renderBlocker(): string | undefined {
  if (!existsSync(CHROMIUM))
    return `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  for (const f of ['out/webview.js', 'media/checklist.css'])
    if (!existsSync(join(ROOT, f))) return `${f} is missing (run node esbuild.mjs)`;
  const built = statSync(join(ROOT, 'out/webview.js')).mtimeMs;
  for (const src of [
    'client/webview/main.ts',
    'client/webview/dom.ts',
    'client/webview/prompt.ts',
    'client/src/checklist/messages.ts',
    'core/records/validate.ts',
  ]) {
    if (existsSync(join(ROOT, src)) && statSync(join(ROOT, src)).mtimeMs > built)
      return `out/webview.js is older than ${src} (run node esbuild.mjs)`;
  }
  return undefined;
}

/** Per repetition: the figure, the DOM-built time, and Chromium's own style/layout/script durations (CDP Performance metrics over the timed call). */
interface RenderResult {
  samples: number[];
  domMs: number[];
  styleMs: number[];
  layoutMs: number[];
  scriptMs: number[];
  warmUp: number;
}

const PAGE_INIT = `
  window.__name = (f) => f;
  window.__posted = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => undefined,
    setState: (s) => { window.__state = JSON.parse(JSON.stringify(s)); },
  });
  document.addEventListener('DOMContentLoaded', () => {
    const vars = { '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', '--vscode-font-size': '13px', '--vscode-editor-font-family': '"Droid Sans Mono", monospace' };
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    document.body.classList.add('vscode-dark');
  });`;

/** Runs inside the page: posts the model and resolves with the times (ms since the post). */
const TIMED_RENDER = `new Promise((resolve, reject) => {
  let t0 = 0;
  window.addEventListener('message', () => {
    const dom = performance.now() - t0;
    const n = document.querySelectorAll('li.step').length;
    if (n !== ${STEPS}) { reject(new Error('after the message handler the page has ' + n + ' li.step, not ${STEPS}')); return; }
    requestAnimationFrame(() => setTimeout(() => resolve({ dom, painted: performance.now() - t0 }), 0));
  }, { once: true });
  t0 = performance.now();
  window.postMessage({ type: 'model', model: window.__benchModel }, '*');
})`;

async function measureRender(): Promise<RenderResult> {
  const { chromium } = await import('playwright-core');
  const { checklistHtml, nonce } = await import('../client/src/checklist/html');
  const model = await bigModel();
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        checklistHtml({
          cspSource: origin,
          nonce: nonce(),
          scriptUri: `${origin}/out/webview.js`,
          styleUri: `${origin}/media/checklist.css`,
        }),
      );
      return;
    }
    const files: Record<string, string> = { '/out/webview.js': 'text/javascript', '/media/checklist.css': 'text/css' };
    if (!files[path]) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': files[path] });
    res.end(readFileSync(join(ROOT, path.slice(1))));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    type Once = { dom: number; painted: number; style: number; layout: number; script: number };
    const once = async (): Promise<Once> => {
      const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.addInitScript({ content: PAGE_INIT });
        await page.goto(origin);
        await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
        await page.evaluate((m) => {
          (window as unknown as { __benchModel: unknown }).__benchModel = m;
        }, model);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const metrics = async () =>
          new Map((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
        const before = await metrics();
        const r = (await page.evaluate(TIMED_RENDER)) as { dom: number; painted: number };
        const after = await metrics();
        if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
        const spent = (name: string) => 1000 * ((after.get(name) ?? NaN) - (before.get(name) ?? NaN));
        return {
          ...r,
          style: spent('RecalcStyleDuration'),
          layout: spent('LayoutDuration'),
          script: spent('ScriptDuration'),
        };
      } finally {
        await context.close();
      }
    };
    const warmUp = (await once()).painted;
    const runs: Once[] = [];
    for (let i = 0; i < RENDERS; i++) runs.push(await once());
    return {
      samples: runs.map((r) => r.painted),
      domMs: runs.map((r) => r.dom),
      warmUp,
      styleMs: runs.map((r) => r.style),
      layoutMs: runs.map((r) => r.layout),
      scriptMs: runs.map((r) => r.script),
    };
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

// ---- both ----

export async function measureChecklist(): Promise<ChecklistFigures> {
  if (!existsSync(RECORDS_DIR)) {
    return {
      skipped: true,
      note: 'skipped: core/records does not exist yet (tick → record and webview render come with the checklist; fill in bench/checklist.ts)',
    };
  }
  const ticks = await measureTicks();
  const tickToRecord = summarize(ticks.samples);
  const tickNote =
    `tick → record: the extension's tick path (ChecklistController.act) on a ${STEPS.toLocaleString('en')}-step runbook, ${TICKS} ticks of successive steps after one left out ` +
    `(the first tick of the process: ${ms(ticks.first)} ms), from before the record is listed and the plan built to the rename of the fsynced temp file onto the record; ` +
    `of which listing + plan median ${ms(median(ticks.planMs))} ms; after the rename, updateRecord's re-parse and lock removal take another ${ms(median(ticks.tailMs))} ms (not in the figure); ` +
    `record at the end: ${ticks.events} events, ${(ticks.recordBytes / 1024).toFixed(0)} KiB.`;

  const blocker = renderBlocker();
  if (blocker) {
    return {
      skipped: true,
      tickToRecord,
      note: `tick → record ${fmt(tickToRecord)}; first render of ${STEPS.toLocaleString('en')} steps skipped: ${blocker}. ${tickNote}`,
    };
  }
  let render: RenderResult;
  try {
    render = await measureRender();
  } catch (e) {
    return {
      skipped: true,
      tickToRecord,
      note: `tick → record ${fmt(tickToRecord)}; first render of ${STEPS.toLocaleString('en')} steps failed: ${(e as Error).message.split('\n')[0]}. ${tickNote}`,
    };
  }
  const firstRender2000 = summarize(render.samples);
  const renderNote =
    `first render: headless Chromium, out/webview.js, a fresh page per repetition (${RENDERS}, after one warm-up of ${ms(render.warmUp)} ms), ` +
    `timed in the page from window.postMessage of the model (about half the steps done) to a task queued from the requestAnimationFrame after the page's handler (style, layout and paint of that frame done); ` +
    `the DOM alone (2,000 li.step built when the handler returns): median ${ms(median(render.domMs))} ms; ` +
    `Chromium's own durations over the timed call (CDP Performance metrics, medians): script ${ms(median(render.scriptMs))} ms, style ${ms(median(render.styleMs))} ms, layout ${ms(median(render.layoutMs))} ms.`;
  return { skipped: false, tickToRecord, firstRender2000, note: `${tickNote} ${renderNote}` };
}
