/**
 * What the web build does not offer, said where the user meets it: every command of the manifest
 * that has no handler here (readable record diffs need git on the desktop) answers with a clear
 * message instead of "command not found".
 */
import * as vscode from 'vscode';

export const NOT_IN_BROWSER =
  'needs git, which the browser does not have: open this folder in VS Code on the desktop (or a remote window) for it. ' +
  'Checking runbooks, the checklist (where the folder can be written), run reports and comparing runs work here.';

interface ManifestCommand {
  command: string;
  title: string;
}

interface Manifest {
  contributes?: { commands?: ManifestCommand[] };
}

export async function registerBrowserPlaceholders(context: vscode.ExtensionContext): Promise<void> {
  const manifest = context.extension.packageJSON as Manifest;
  const registered = new Set(await vscode.commands.getCommands(true));
  for (const { command, title } of manifest.contributes?.commands ?? []) {
    if (registered.has(command)) continue;
    context.subscriptions.push(
      vscode.commands.registerCommand(command, () => {
        void vscode.window.showInformationMessage(`${title}: ${NOT_IN_BROWSER}`);
      }),
    );
  }
}
