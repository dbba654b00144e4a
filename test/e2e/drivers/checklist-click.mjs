// Browser-side half of the checklist e2e test (checklist.e2e.ts): the extension host cannot click
// inside a webview, so the launcher runs this beside the suite. It waits for the checklist page
// to show a tickable step and clicks its checkbox, as a person would.
export async function drive(page, log) {
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  const tick = frame.locator('li.step input.tick:not([disabled])').first();
  await tick.waitFor({ state: 'visible', timeout: 120_000 });
  await tick.click();
  log('driver: clicked the first tickable step in the checklist webview');
}
