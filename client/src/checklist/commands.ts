/** The checklist's commands, as one table of small handlers. */
import * as vscode from 'vscode';
import { tickStepAtCursor } from '../onboarding';
import { Commands } from '../../../server/src/protocol';
import type { ChecklistController } from './controller';
import type { RunbooksTree } from './runbooksTree';
import { runChoice } from './switcher';
import { ChecklistPanel, revealStep, type ChecklistViewProvider } from './webviewHost';

export interface CommandContext {
  extensionUri: vscode.Uri;
  controller: ChecklistController;
  view: ChecklistViewProvider;
  tree: RunbooksTree;
}

/** A runbook from a command argument (Uri, URI string, tree node), else the active runbook editor, else the last shown. */
function runbookArg(c: CommandContext, arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') {
    try {
      return vscode.Uri.parse(arg, true);
    } catch {
      return undefined;
    }
  }
  if (arg && typeof arg === 'object' && 'uri' in arg && (arg as { uri: unknown }).uri instanceof vscode.Uri)
    return (arg as { uri: vscode.Uri }).uri;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'runbook') return doc.uri;
  return c.controller.lastPage?.runbook;
}

async function needRunbook(c: CommandContext, arg: unknown): Promise<vscode.Uri | undefined> {
  const uri = runbookArg(c, arg);
  if (uri) return uri;
  const runbooks = await c.controller.library.runbooks();
  if (!runbooks.length) {
    void vscode.window.showInformationMessage('No runbook (*.runbook.yaml) in this workspace.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    runbooks.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
    { title: 'Which runbook?' },
  );
  return pick?.uri;
}

type Handler = (c: CommandContext, ...args: unknown[]) => unknown;

export const COMMANDS: Record<string, Handler> = {
  /** The checklist of a runbook in the side panel view. */
  [Commands.openChecklist]: async (c, arg) => {
    const uri = await needRunbook(c, arg);
    if (uri) await c.view.show(uri);
  },
  'runbook.openChecklistBeside': async (c, arg) => {
    const uri = await needRunbook(c, arg);
    if (uri) ChecklistPanel.createOrShow(c.controller, c.extensionUri, uri);
  },
  [Commands.startRun]: async (c, arg, mode) => {
    const uri = await needRunbook(c, arg);
    if (!uri) return;
    let rehearsal = mode === 'rehearsal';
    if (mode !== 'rehearsal' && mode !== 'real') {
      const pick = await vscode.window.showQuickPick(
        [
          { label: '$(play) Run', description: 'the real recovery', rehearsal: false },
          { label: '$(beaker) Rehearsal', description: 'a practice run, recorded as such', rehearsal: true },
        ],
        { title: 'Start a run of the checklist' },
      );
      if (!pick) return;
      rehearsal = pick.rehearsal;
    }
    if (await c.controller.start(uri, rehearsal)) await c.view.show(uri);
  },
  /** A step of a runbook in the checklist: (runbook uri, step id). */
  [Commands.showStep]: async (c, arg, step) => {
    const uri = runbookArg(c, arg);
    if (uri && typeof step === 'string') await c.view.show(uri, step);
  },
  'runbook.openRun': async (c, runbook, file) => {
    const uri = runbookArg(c, runbook);
    if (!uri || typeof file !== 'string') return;
    c.controller.select(uri, file);
    await c.view.show(uri);
  },
  /** Every open run of the workspace in a quick pick (also the status bar item's click); the choice shows in the checklist. */
  'runbook.switchRun': async (c) => {
    const shown = c.controller.lastPage?.runbook;
    const runs = c.controller.openRuns.list(shown ? [shown] : []);
    if (!runs.length) {
      void vscode.window.showInformationMessage(
        "No open run in this workspace. Start one from a runbook's checklist (Runbook: Start a Run).",
      );
      return;
    }
    const current = shown ? c.controller.currentRecord(shown) : undefined;
    const pick = await vscode.window.showQuickPick(
      runs.map((r) => {
        const choice = runChoice(r);
        const isShown = r.record === current && r.runbook === shown?.toString();
        return { ...choice, description: `${choice.description}${isShown ? ' · shown' : ''}`, run: r };
      }),
      { title: 'Switch to an open run', matchOnDescription: true, matchOnDetail: true },
    );
    if (!pick) return;
    const uri = vscode.Uri.parse(pick.run.runbook, true);
    c.controller.select(uri, pick.run.record);
    await c.view.show(uri);
  },
  'runbook.openRunRecord': async (c, node) => {
    const file = node && typeof node === 'object' && 'file' in node ? (node as { file: unknown }).file : node;
    if (typeof file === 'string') await vscode.window.showTextDocument(c.controller.recordUri(file), { preview: true });
  },
  'runbook.revealStepInRunbook': async (c, arg, step) => {
    const uri = runbookArg(c, arg);
    if (uri && typeof step === 'string') await revealStep(c.controller, uri, step);
  },
  'runbook.refreshRunbooks': (c) => c.tree.refresh(),
  'runbook.tickStepAtCursor': (c) => tickStepAtCursor(c.controller),
};

export function registerCommands(c: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => handler(c, ...args)),
  );
}
