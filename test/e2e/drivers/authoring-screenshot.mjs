// With RUNBOOK_E2E_SCREENSHOTS=1 only: when the quick-fix test shows a broken runbook, hover the
// squiggle so the diagnostic and its quick fix are visible, and save the picture for the README.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const IMAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/images');

/** The test this job belongs to (its full title): not started when RUNBOOK_E2E_GREP leaves it out. */
export const serves = 'authoring a quick fix applied through the code-action API';

export async function drive(page, log) {
  if (process.env.RUNBOOK_E2E_SCREENSHOTS !== '1') return;
  const squiggle = page.locator('.monaco-editor .squiggly-error').first();
  await squiggle.waitFor({ state: 'attached', timeout: 120_000 });
  await page.waitForTimeout(500);
  const box = await squiggle.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(IMAGES, 'vscode-diagnostic.png') });
  log('driver: saved docs/images/vscode-diagnostic.png');
}
