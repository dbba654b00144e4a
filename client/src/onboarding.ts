/**
 * Getting started: "Runbook: New Runbook…" (a scenario, then a file with that scenario's complete
 * runbook to fill in) and "Tick the step at the cursor" for the keyboard.
 */
import * as vscode from 'vscode';
import { exists } from './workspaceFiles';
import type { ChecklistController } from './checklist/controller';
import { stepIdAt } from './stepAtCursor';

interface Snippet {
  prefix: string;
  body: string[];
  description?: string;
}

async function scenarioSnippets(context: vscode.ExtensionContext): Promise<Snippet[]> {
  const bytes = await vscode.workspace.fs.readFile(
    vscode.Uri.joinPath(context.extensionUri, 'snippets', 'runbook.json'),
  );
  const all = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, Snippet>;
  return Object.values(all).filter((s) => s.prefix.startsWith('runbook-'));
}

/** Scenario picker → a new `<name>.runbook.yaml` (never over an existing file) with the scenario's runbook. */
export async function newRunbook(context: vscode.ExtensionContext): Promise<void> {
  const snippets = await scenarioSnippets(context);
  const pick = await vscode.window.showQuickPick(
    snippets.map((s) => ({
      label: s.prefix.replace(/^runbook-/, ''),
      detail: s.description?.replace(/^A complete [^:]*: /, '').replace(/ Tab through.*$/, ''),
      snippet: s,
    })),
    { title: 'New Runbook: which recovery?', matchOnDetail: true },
  );
  if (!pick) return;
  const folder = vscode.workspace.workspaceFolders?.[0];
  let editor: vscode.TextEditor;
  if (folder) {
    const name = await vscode.window.showInputBox({
      title: 'New Runbook: file name',
      value: `${pick.label}.runbook.yaml`,
      valueSelection: [0, pick.label.length],
      validateInput: (v) =>
        /\.runbook\.ya?ml$/.test(v) && !/(^|[\\/])\.\.([\\/]|$)/.test(v)
          ? undefined
          : 'A name ending in .runbook.yaml, inside the workspace',
    });
    if (!name) return;
    const uri = vscode.Uri.joinPath(folder.uri, name);
    if (await exists(uri)) {
      void vscode.window.showWarningMessage(`${name} already exists; choose another name.`);
      return;
    }
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    editor = await vscode.window.showTextDocument(uri);
  } else {
    const doc = await vscode.workspace.openTextDocument({ language: 'runbook', content: '' });
    editor = await vscode.window.showTextDocument(doc);
  }
  await editor.insertSnippet(new vscode.SnippetString(pick.snippet.body.join('\n')));
}

/** Ticks, in the active run, the step the cursor is in; refusals are said as the checklist says them. */
export async function tickStepAtCursor(controller: ChecklistController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'runbook') return;
  const step = stepIdAt(editor.document.getText(), editor.selection.active.line);
  if (!step) {
    void vscode.window.showInformationMessage('Put the cursor inside a step with an id to tick it.');
    return;
  }
  const result = await controller.act(editor.document.uri, { kind: 'tick', step });
  if (result.ok) vscode.window.setStatusBarMessage(`Ticked ${step}`, 3000);
  else void vscode.window.showWarningMessage(`${step}: ${result.refusal?.message ?? 'not ticked'}`);
}

export function registerOnboarding(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [vscode.commands.registerCommand('runbook.newRunbook', () => newRunbook(context))];
}
