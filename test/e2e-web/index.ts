// Test entry for the web run: the workbench loads it (extensionTestsPath) into the same web
// worker extension host as the extension, so it must not need Node either. The suite runs on
// a small runner of its own (runner.ts says why not mocha).

/** What the host looked like when the test bundle loaded, before any test code ran. */
export const HOST_AT_LOAD = {
  process: typeof process,
  workerScope: typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope,
};

export async function run(): Promise<void> {
  const { runSuites } = await import('./runner');
  // Registers its describe() blocks as it loads.
  await import('./web.e2e');
  // Long enough for the checklist and report tests, which wait on a page in a webview (up to 120 s).
  const failures = await runSuites(150_000);
  if (failures > 0) throw new Error(`${failures} web e2e test(s) failed`);
}
