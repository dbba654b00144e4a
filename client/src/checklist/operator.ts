/**
 * Who ticks: the `runbook.operator` setting, else git's user.name for the runbook's folder, else a
 * name asked once and kept in globalState.
 */
import * as vscode from 'vscode';
import { gitUserNameAsync } from '../../../node/records';

const STORED = 'runbook.operator';
const gitCache = new Map<string, { name: string | undefined; at: number }>();

async function cachedGitName(cwd: string): Promise<string | undefined> {
  const hit = gitCache.get(cwd);
  if (hit && Date.now() - hit.at < 60_000) return hit.name;
  const name = (await gitUserNameAsync(cwd))?.trim() || undefined;
  gitCache.set(cwd, { name, at: Date.now() });
  return name;
}

export async function resolveOperator(context: vscode.ExtensionContext, cwd: string): Promise<string | undefined> {
  // The operator is a person, not a folder setting: read it without a resource scope.
  const setting = vscode.workspace.getConfiguration('runbook').get<string>('operator')?.trim();
  if (setting) return setting;
  const git = await cachedGitName(cwd);
  if (git) return git;
  const stored = context.globalState.get<string>(STORED)?.trim();
  if (stored) return stored;
  const name = await vscode.window.showInputBox({
    title: 'Runbook: your name for run records',
    prompt: 'Run records say who did each step. Asked once; set `runbook.operator` or git user.name to change it.',
    ignoreFocusOut: true,
    validateInput: (v) => (!v.trim() ? 'Enter a name.' : /[\r\n]/.test(v) ? 'One line only.' : undefined),
  });
  if (!name?.trim()) return undefined;
  await context.globalState.update(STORED, name.trim());
  return name.trim();
}
