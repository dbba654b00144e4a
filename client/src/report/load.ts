/**
 * What the report view shows for a record file: its report (with the runbook as it is now, if found)
 * or its problems. Files are read through `vscode.workspace.fs`, so the same code serves the
 * desktop and the web build (a record in a pull request opened in github.dev, for instance).
 */
import * as vscode from 'vscode';
import { exists } from '../workspaceFiles';
import { buildReport, type RunReport } from '../../../core/records/report';
import type { RecordProblem } from '../../../core/records/parse';
import type { StartEvent } from '../../../core/records/events';
import type { ChecklistController } from '../checklist/controller';
import { recordOfText } from '../checklist/storage/workspaceRecords';
import type { StoredRecord } from '../checklist/storage/types';

export type Loaded = { ok: true; report: RunReport; runbook?: vscode.Uri } | { ok: false; problems: RecordProblem[] };

/** How long a report waits for the language server's plan of its runbook before it is drawn without it. */
const PLAN_WAIT_MS = 5000;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The runbook a record names: in its workspace folder, else beside the record's `runs/` folder. */
export async function runbookOf(record: vscode.Uri, start: StartEvent): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(record);
  const candidates = [
    folder && vscode.Uri.joinPath(folder.uri, start.runbook),
    vscode.Uri.joinPath(record, '..', '..', baseName(start.runbook)),
  ];
  for (const c of candidates) if (c && (await exists(c))) return c;
  return undefined;
}

/** A record file read through the editor's file system. Throws when it cannot be read at all. */
export async function readRecordAt(record: vscode.Uri): Promise<StoredRecord> {
  return recordOfText(record.toString(), new TextDecoder().decode(await vscode.workspace.fs.readFile(record)));
}

function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([p, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
}

export async function loadReport(uri: vscode.Uri, controller: ChecklistController): Promise<Loaded> {
  let record;
  try {
    record = await readRecordAt(uri);
  } catch (e) {
    return { ok: false, problems: [{ line: 1, message: (e as Error).message }] };
  }
  if (record.problems.length) return { ok: false, problems: record.problems };
  if (!record.start) return { ok: false, problems: [{ line: 1, message: 'the record has no start event' }] };
  const runbook = await runbookOf(uri, record.start);
  const plan = runbook
    ? (controller.plan(runbook) ?? (await within(controller.freshPlan(runbook), PLAN_WAIT_MS)))?.plan
    : undefined;
  return { ok: true, report: buildReport(record.state, { plan, now: new Date().toISOString() }), runbook };
}

/** The reader's zone: times in the view are shown as the reviewer's clock reads them. */
export function viewTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
