// Browser-side half of report.e2e.ts: the extension host cannot see inside a webview, so this waits
// for the run report page (a timeline with bars), checks it, and clicks "Open as text" as a person
// would. With RUNBOOK_E2E_SCREENSHOTS=1 it also saves the editor showing the report, for the README.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../images');

/** The report page's frame, among every webview the workbench has open. */
async function reportFrame(page) {
  const end = Date.now() + 240_000;
  while (Date.now() < end) {
    const outer = page.locator('iframe.webview.ready');
    for (let i = 0; i < (await outer.count()); i++) {
      const inner = outer.nth(i).contentFrame().locator('#active-frame').contentFrame();
      if (
        (await inner
          .locator('svg.timeline rect.bar')
          .count()
          .catch(() => 0)) > 0
      )
        return inner;
    }
    await page.waitForTimeout(500);
  }
  throw new Error('no run report page with a timeline appeared');
}

/** The test this job belongs to (its full title): not started when RUNBOOK_E2E_GREP leaves it out. */
export const serves = 'run report a record opens in the run report editor';
export const servesWeb =
  'web build in a web worker extension host a .runbook-run record opens in the run report editor';

export async function drive(page, log) {
  const frame = await reportFrame(page);
  const bars = await frame.locator('svg.timeline rect.bar').count();
  log(`driver: the run report shows ${bars} bars`);
  if (bars !== 8) throw new Error(`expected 8 bars (9 steps, 1 skipped without a begin), found ${bars}`);
  if (process.env.RUNBOOK_E2E_SCREENSHOTS === '1') {
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(IMAGES, 'vscode-report.png') });
    log('driver: saved images/vscode-report.png');
  }
  await frame.locator('button[data-action="openText"]').click();
  log('driver: clicked "Open as text" in the run report');
}
