/**
 * What the web build does not offer yet, said where the user meets it. The checklist and the run
 * records are written with Node's file system (node/recordFiles.ts: atomic writes, locks, git),
 * which a web worker does not have; every command of the manifest that the web build does not
 * implement answers with a clear message instead of "command not found", and the checklist view
 * and the Runbooks tree say the same.
 */
import * as vscode from 'vscode';

export const NOT_IN_BROWSER =
  'The checklist and run records are not available in the browser yet: open this folder in VS Code on the desktop ' +
  '(or a remote window) to run a runbook. Checking runbooks (problems, quick fixes, completion, hover, outline) works here.';

/** Commands the web build implements itself; none yet besides the language features. */
const IMPLEMENTED = new Set<string>();

interface ManifestCommand {
  command: string;
  title: string;
}

interface Manifest {
  contributes?: { commands?: ManifestCommand[]; customEditors?: { viewType: string; displayName: string }[] };
}

export function registerBrowserPlaceholders(context: vscode.ExtensionContext): void {
  const manifest = context.extension.packageJSON as Manifest;
  for (const { command, title } of manifest.contributes?.commands ?? []) {
    if (IMPLEMENTED.has(command)) continue;
    context.subscriptions.push(
      vscode.commands.registerCommand(command, () => {
        void vscode.window.showInformationMessage(`${title}: ${NOT_IN_BROWSER}`);
      }),
    );
  }
  // A custom editor with no provider would leave its file unopenable: say why, and how to read it.
  for (const { viewType, displayName } of manifest.contributes?.customEditors ?? []) {
    context.subscriptions.push(
      vscode.window.registerCustomEditorProvider(viewType, {
        openCustomDocument: (uri) => ({ uri, dispose: () => undefined }),
        resolveCustomEditor(_doc, panel) {
          panel.webview.options = { enableScripts: false };
          panel.webview.html = messagePage(
            `${displayName} is not available in the browser yet. Use "Reopen Editor With…" > Text Editor to read the file.`,
          );
        },
      } satisfies vscode.CustomReadonlyEditorProvider),
    );
  }
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider('runbook.checklist', {
      resolveWebviewView(view) {
        view.webview.options = { enableScripts: false };
        view.webview.html = messagePage(NOT_IN_BROWSER);
      },
    }),
    vscode.window.createTreeView('runbook.runbooks', { treeDataProvider: new MessageTree(NOT_IN_BROWSER) }),
  );
}

class MessageTree implements vscode.TreeDataProvider<string> {
  constructor(private readonly message: string) {}
  getTreeItem(message: string): vscode.TreeItem {
    const item = new vscode.TreeItem('Not available in the browser yet');
    item.tooltip = message;
    item.iconPath = new vscode.ThemeIcon('info');
    return item;
  }
  getChildren(parent?: string): string[] {
    return parent ? [] : [this.message];
  }
}

/** A static page: no script at all, so the CSP allows none; the text is ours, escaped anyway. */
function messagePage(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';">
<style nonce="${nonce}">body{color:var(--vscode-foreground);font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);padding:0 12px}</style>
</head><body><p>${escaped}</p></body></html>`;
}
