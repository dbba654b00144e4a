/** What the report view shows for a record file: its report (with the runbook as it is now, if found) or its problems. */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { buildReport, type RunReport } from '../../../core/records/report';
import type { RecordProblem } from '../../../core/records/parse';
import type { StartEvent } from '../../../core/records/events';
import { loadRecord } from '../../../node/recordFiles';
import type { ChecklistController } from '../checklist/controller';

export type Loaded = { ok: true; report: RunReport; runbook?: vscode.Uri } | { ok: false; problems: RecordProblem[] };

/** The runbook a record names: in its workspace folder, else beside the record's `runs/` folder. */
export function runbookOf(file: string, start: StartEvent): vscode.Uri | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  const candidates = [
    folder && join(folder.uri.fsPath, start.runbook),
    resolve(dirname(file), '..', basename(start.runbook)),
  ];
  const hit = candidates.find((c): c is string => !!c && existsSync(c));
  return hit ? vscode.Uri.file(hit) : undefined;
}

export function loadReport(file: string, controller: ChecklistController): Loaded {
  let record;
  try {
    record = loadRecord(file);
  } catch (e) {
    return { ok: false, problems: [{ line: 1, message: (e as Error).message }] };
  }
  if (record.problems.length) return { ok: false, problems: record.problems };
  if (!record.start) return { ok: false, problems: [{ line: 1, message: 'the record has no start event' }] };
  const runbook = runbookOf(file, record.start);
  const plan = runbook ? controller.plan(runbook)?.plan : undefined;
  return { ok: true, report: buildReport(record.state, { plan, now: new Date().toISOString() }), runbook };
}

/** The reader's zone: times in the view are shown as the reviewer's clock reads them. */
export function viewTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
