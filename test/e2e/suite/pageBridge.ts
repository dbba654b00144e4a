// The test side of test/e2e/page-bridge.mjs (Node extension host only: the web suite imports
// helpers.ts into a web worker, where there is no file system to talk through).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitFor } from './helpers';

let asked = 0;

/**
 * Asks the workbench page a question only the page can answer (what the status bar shows, what a
 * webview displays, a click inside it): test/e2e/page-bridge.mjs in the launcher hands it to a
 * driver's `answers` and writes the reply. A driver's error is thrown here, so the test fails.
 */
export async function askPage<T>(op: string, args: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
  const dir = process.env.RUNBOOK_E2E_BRIDGE;
  if (!dir) throw new Error('RUNBOOK_E2E_BRIDGE is not set: this test needs test/e2e/code-server-launcher.mjs');
  const id = `${process.pid}-${++asked}`;
  const tmp = path.join(dir, `${id}.ask.tmp`);
  fs.writeFileSync(tmp, JSON.stringify({ op, args }));
  fs.renameSync(tmp, path.join(dir, `${id}.ask.json`));
  const answerFile = path.join(dir, `${id}.answer.json`);
  const reply = await waitFor(
    () =>
      fs.existsSync(answerFile) && (JSON.parse(fs.readFileSync(answerFile, 'utf8')) as { value?: T; error?: string }),
    `the page to answer "${op}"`,
    timeoutMs,
  );
  if (reply.error !== undefined) throw new Error(`the page could not answer: ${reply.error}`);
  return reply.value as T;
}
