/**
 * The run switcher's decisions, with no editor API (unit-tested in test/unit/checklist): which runs
 * of the workspace are open and how each is named (the checklist header's switcher, the "Switch
 * Run…" quick pick, the status bar), and when the checklist view follows the active editor.
 */
import { countProgress } from '../../../core/records/progress';
import { formatDuration } from '../../../core/records/report';
import { when } from '../../../core/records/time';
import type { RunState } from '../../../core/records/fold';

/** An unfinished, readable run somewhere in the workspace (plain JSON: it goes to the page too). */
export interface OpenRunEntry {
  /** The runbook's URI string. */
  runbook: string;
  /** Workspace-relative path of the runbook. */
  runbookPath: string;
  /** The record's path: the key the page and the quick pick send back. */
  record: string;
  title: string;
  startedAt: string;
  startedBy: string;
  rehearsal: boolean;
  done: number;
  skipped: number;
  total: number;
}

/** One run record as read, with what the host knows of its runbook. */
export interface RecordFacts {
  runbook: string;
  runbookPath: string;
  record: string;
  state: RunState | undefined;
  /** The record has lines that cannot be read: it is not offered (it cannot be written either). */
  unreadable: boolean;
  /** The runbook's title and step ids now, when its plan is known; else the start event's. */
  title?: string;
  ids?: readonly string[];
}

/** The runs an operator may switch to: started, readable, not finished; the latest started first. */
export function openRuns(records: readonly RecordFacts[]): OpenRunEntry[] {
  const out: OpenRunEntry[] = [];
  for (const r of records) {
    const start = r.state?.start;
    if (!r.state || !start || r.unreadable || r.state.finished) continue;
    const counts = countProgress(r.state, r.ids ?? start.steps.map(([id]) => id));
    out.push({
      runbook: r.runbook,
      runbookPath: r.runbookPath,
      record: r.record,
      title: r.title ?? start.title ?? r.runbookPath,
      startedAt: start.at,
      startedBy: start.by,
      rehearsal: start.rehearsal,
      done: counts.done,
      skipped: counts.skipped,
      total: counts.total,
    });
  }
  // Ties (two runs started in the same millisecond) by path, so the order never flickers.
  return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || a.record.localeCompare(b.record));
}

/** The entry the page or the quick pick chose, only if it is still an open run of that runbook. */
export function findOpenRun(
  runs: readonly OpenRunEntry[],
  runbook: unknown,
  record: unknown,
): OpenRunEntry | undefined {
  return runs.find((r) => r.runbook === runbook && r.record === record);
}

const kindOf = (rehearsal: boolean) => (rehearsal ? 'rehearsal' : 'real run');

/** The same counts as the checklist header: skipped is not done. */
export function countText(r: { done: number; skipped: number; total: number }): string {
  return `${r.done}/${r.total} done${r.skipped ? `, ${r.skipped} skipped` : ''}`;
}

/** How the quick pick lists a run: the runbook, then when, who, which kind and how far. */
export function runChoice(r: OpenRunEntry, now = new Date()): { label: string; description: string; detail: string } {
  return {
    label: `${r.rehearsal ? '$(beaker)' : '$(play-circle)'} ${r.title}`,
    description: `${kindOf(r.rehearsal)} started ${when(r.startedAt, now)} by ${r.startedBy}`,
    detail: `${countText(r)} · ${r.runbookPath}`,
  };
}

/** A title cut to `max` characters at a word where it can be, so the status bar stays one short item. */
export function shortTitle(title: string, max = 32): string {
  const t = title.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
}

/** The status bar item: which kind, which run, the header's counts, and the time since it started. */
export function statusBarText(r: {
  title: string;
  rehearsal: boolean;
  done: number;
  skipped: number;
  total: number;
  elapsedMs: number;
}): string {
  const icon = r.rehearsal ? '$(beaker)' : '$(checklist)';
  const elapsed = formatDuration(r.elapsedMs).replace(/ \d+s$/, '');
  return `${icon} ${r.rehearsal ? 'Rehearsal' : 'Run'}: ${shortTitle(r.title)} · ${r.done}/${r.total} done · ${elapsed}`;
}

/**
 * What the checklist view shows after the active editor changed to `opened` (a runbook's URI):
 * it follows the editor, except while it shows a runbook with an open run: then it stays pinned to
 * that run, and only the switcher, the status bar or "Open Checklist" move it.
 */
export function followEditor(shown: string | undefined, opened: string, shownHasOpenRun: boolean): string | undefined {
  if (shown === opened) return shown;
  if (shown !== undefined && shownHasOpenRun) return shown;
  return opened;
}
