/**
 * Every custom message between the extension and the language server, typed once and imported
 * by both ends. Standard LSP requests need nothing here.
 */
import { NotificationType } from 'vscode-languageserver-protocol';

export interface ChecklistStateParams {
  /** Runbooks (document URIs) that have a run record, so the CodeLens can offer "Open checklist". */
  runbooksWithRuns: string[];
}

/** Client → server: which runbooks have a checklist run, so lenses only offer buttons that work. */
export const ChecklistStateNotification = new NotificationType<ChecklistStateParams>('runbook/checklistState');

/** Command ids shared by the CodeLens (server) and the command table (client). */
export const Commands = {
  openChecklist: 'runbook.openChecklist',
  startRun: 'runbook.startRun',
  showStep: 'runbook.showStep',
} as const;
