// Browser-side half of the checklist e2e test (checklist.e2e.ts): the extension host cannot click
// inside a webview, so the launcher runs this beside the suite. It waits for the checklist page
// to show a tickable step and clicks its checkbox, as a person would. With RUNBOOK_E2E_SCREENSHOTS=1
// it also saves what the editor shows then into test-results/ (the README's pictures come from pinned-run).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-results');

/** The test this job belongs to (its full title): not started when RUNBOOK_E2E_GREP leaves it out. */
export const serves = 'checklist a click on a step in the webview writes that step';
export const servesWeb =
  'web build in a web worker extension host a rehearsal starts, a click in the checklist webview';

export async function drive(page, log) {
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const tick = frame.locator('li.step input.tick:not([disabled])').first();
  await tick.waitFor({ state: 'visible', timeout: 120_000 });
  await tick.click();
  log('driver: clicked the first tickable step in the checklist webview');
  if (process.env.RUNBOOK_E2E_SCREENSHOTS === '1') {
    await frame.locator('li.step.done').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(800);
    fs.mkdirSync(IMAGES, { recursive: true });
    await page.screenshot({ path: path.join(IMAGES, 'vscode-checklist.png') });
    log('driver: saved test-results/vscode-checklist.png');
  }
}
