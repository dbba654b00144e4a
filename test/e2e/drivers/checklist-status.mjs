// Browser-side answers for the pinned-run test (test/e2e/suite/pinned-run.e2e.ts): VS Code's API
// tells an extension neither what its status bar item shows nor which run a webview displays, so
// the test asks the page (test/e2e/page-bridge.mjs) and compares what a person would see.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/images');
/** The workbench gives a status bar entry the id `<extension id>.<item id>`. */
const STATUS_ITEM = '[id="runbook-studio.runbook-studio.runbook.activeRun"]';

/** The visible checklist page (its document's title says so), among every webview the workbench has. */
async function findChecklist(page) {
  const outer = page.locator('iframe.webview.ready');
  for (let i = 0; i < (await outer.count()); i++) {
    if (
      !(await outer
        .nth(i)
        .isVisible()
        .catch(() => false))
    )
      continue;
    const inner = outer.nth(i).contentFrame().locator('#active-frame').contentFrame();
    const title = await inner
      .locator('head > title')
      .textContent({ timeout: 2000 })
      .catch(() => null);
    if (title === 'Runbook checklist') return inner;
  }
  return undefined;
}

/** The checklist page, waiting a while for it (a view being revealed, a slow machine). */
async function checklistFrame(page, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const frame = await findChecklist(page);
    if (frame) return frame;
    if (Date.now() > end) throw new Error(`no visible checklist page after ${timeoutMs / 1000} s`);
    await page.waitForTimeout(250);
  }
}

const text = async (loc) => ((await loc.count()) ? ((await loc.first().textContent()) ?? '').trim() : null);

export const answers = {
  /** Our status bar item as shown: its text (icons dropped) and tooltip-free label, or null when hidden. */
  async statusBar(page) {
    const item = page.locator(`.part.statusbar ${STATUS_ITEM}`);
    if (!(await item.count()) || !(await item.isVisible())) return null;
    return {
      text: (await item.innerText()).replace(/\s+/g, ' ').trim(),
      ariaLabel: await item.locator('a.statusbar-item-label').getAttribute('aria-label'),
    };
  },
  /** What the checklist's header says: the runbook, the counts, the pinned run; and the steps' states. */
  async checklist(page) {
    const frame = await checklistFrame(page);
    return {
      // A page with no header (no runbook, or its plan not read yet) says why instead.
      empty: await text(frame.locator('#app > p.empty')),
      title: await text(frame.locator('header.top h1')),
      progress: await text(frame.locator('header.top .progress-text')),
      pinned: await text(frame.locator('header.top .run-switcher-label')),
      steps: await frame
        .locator('li.step')
        .evaluateAll((els) => els.map((li) => ({ key: li.dataset.key, status: li.dataset.status }))),
    };
  },
  /** Clicks an element of the checklist page as a person would (then waits for nothing). */
  async checklistClick(page, { selector }) {
    const frame = await checklistFrame(page);
    await frame.locator(selector).first().click({ timeout: 20_000 });
    return true;
  },
  /** Types into the focused field (a checklist dialog's, for instance), then presses a key if asked. */
  async checklistType(page, { text: typed, press }) {
    await page.keyboard.type(typed, { delay: 20 });
    if (press) await page.keyboard.press(press);
    return true;
  },
  /** Saves what the workbench shows, for the README (RUNBOOK_E2E_SCREENSHOTS=1 runs only). */
  async screenshot(page, { name }) {
    if (!/^[\w.-]+\.png$/.test(name)) throw new Error(`bad screenshot name ${name}`);
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(IMAGES, name) });
    return path.join('docs/images', name);
  },
};
