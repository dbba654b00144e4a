/**
 * Every custom message between the extension and the language server, typed once and imported
 * by both ends. Standard LSP requests need nothing here.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { PlanData } from '../../core/records/plan';

export interface ChecklistStateParams {
  /** Runbooks (document URIs) that have a run record, so the CodeLens can offer "Open checklist". */
  runbooksWithRuns: string[];
}

/** Client → server: which runbooks have a checklist run, so lenses only offer buttons that work. */
export const ChecklistStateNotification = new NotificationType<ChecklistStateParams>('runbook/checklistState');

export interface TeamPackFilesParams {
  /** Workspace folder URIs, in order. */
  roots: string[];
}
export interface TeamPackFile {
  uri: string;
  text: string;
}

/**
 * Server → client, for folders the server cannot read itself (the web worker server has no file
 * system; the Node one reads only `file:` folders): the text of every team rule pack
 * (`.runbook/rules/*.yaml`) in these folders, read through `vscode.workspace.fs`; folder by
 * folder, each folder's packs sorted by name (the order the Node server reads them in).
 */
export const TeamPackFilesRequest = new RequestType<TeamPackFilesParams, TeamPackFile[], void>('runbook/teamPackFiles');

export interface ConfigFilesResult {
  /** Every `.runbookrc.json` under the folders, read through `vscode.workspace.fs`. */
  files: TeamPackFile[];
  /** Folders among those holding a config file (and the workspace folders) that are repository roots (hold `.git`). */
  repositoryRoots: string[];
}

/**
 * Server → client, for the web worker server (no file system): the project configuration files in
 * these workspace folders; the server walks up from each runbook through them as node/configFiles.ts
 * walks the disk.
 */
export const ConfigFilesRequest = new RequestType<TeamPackFilesParams, ConfigFilesResult, void>('runbook/configFiles');

/** Command ids shared by the CodeLens (server) and the command table (client). */
export const Commands = {
  openChecklist: 'runbook.openChecklist',
  startRun: 'runbook.startRun',
  showStep: 'runbook.showStep',
} as const;

export interface ChecklistPlanParams {
  uri: string;
  /** The runbook's text as the client sees it; the server's own copy wins for open documents. */
  text: string;
}

export interface ChecklistPlanResult {
  /** Steps in order with titles, `after:`/`parallel:` (the ordering gate's input), evidence and digests. */
  plan: PlanData;
  /** Errors the server's checks find in the text: the checklist warns before a real run. */
  errorCount: number;
  /** The text the plan was made from, so the client knows which version it got. */
  text: string;
}

/**
 * Client → server: the checklist's plan of a runbook, from the parse the server already holds, so
 * the extension host builds no language service of its own.
 */
export const ChecklistPlanRequest = new RequestType<ChecklistPlanParams, ChecklistPlanResult, void>(
  'runbook/checklistPlan',
);
