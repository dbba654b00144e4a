/**
 * HOOK for the checklist figures, to be filled in by the engineer who builds the checklist:
 *   - tick → run record on disk: from the moment a step is ticked to the record file being
 *     written (target ≤ 20 ms);
 *   - webview first render of a 2,000-step runbook (target ≤ 300 ms).
 *
 * Until the run-record modules exist (`server/src/records`), `npm run bench` prints a note and
 * skips these figures. Once they do, replace the body of `measureChecklist` with the real
 * measurement and return the two figures (medians in ms, with their spread); `run.ts` already
 * prints them, checks the targets and writes them to bench/results.json.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Summary } from './lib/stats';

export interface ChecklistFigures {
  skipped: boolean;
  note?: string;
  /** Tick → record on disk, ms. */
  tickToRecord?: Summary;
  /** Webview first render of 2,000 steps, ms. */
  firstRender2000?: Summary;
}

export const RECORDS_DIR = resolve(__dirname, '../server/src/records');

export async function measureChecklist(): Promise<ChecklistFigures> {
  if (!existsSync(RECORDS_DIR)) {
    return { skipped: true, note: 'skipped: server/src/records does not exist yet (tick → record and webview render come with the checklist; fill in bench/checklist.ts)' };
  }
  // The modules exist: this is where tick → record and the first render get measured.
  return { skipped: true, note: 'skipped: server/src/records exists, but bench/checklist.ts does not measure it yet (fill in measureChecklist)' };
}
