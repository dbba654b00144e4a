/**
 * Who ticks: the `runbook.operator` setting, else a name the host's tools give (git's user.name
 * for the runbook's folder on the desktop; there is no git in the browser), else a name asked
 * once and kept in globalState.
 */
import * as vscode from 'vscode';

const STORED = 'runbook.operator';

export async function resolveOperator(
  context: vscode.ExtensionContext,
  runbook: vscode.Uri,
  suggested?: (runbook: vscode.Uri) => Promise<string | undefined>,
): Promise<string | undefined> {
  // The operator is a person, not a folder setting: read it without a resource scope.
  const setting = vscode.workspace.getConfiguration('runbook').get<string>('operator')?.trim();
  if (setting) return setting;
  const fromTools = (await suggested?.(runbook))?.trim();
  if (fromTools) return fromTools;
  const stored = context.globalState.get<string>(STORED)?.trim();
  if (stored) return stored;
  const name = await vscode.window.showInputBox({
    title: 'Runbook: your name for run records',
    prompt:
      'Run records say who did each step. Asked once; set `runbook.operator` (or git user.name on the desktop) to change it.',
    ignoreFocusOut: true,
    validateInput: (v) => (!v.trim() ? 'Enter a name.' : /[\r\n]/.test(v) ? 'One line only.' : undefined),
  });
  if (!name?.trim()) return undefined;
  await context.globalState.update(STORED, name.trim());
  return name.trim();
}
