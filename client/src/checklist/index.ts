/**
 * Issue 4, "Live checklist": registers the checklist view and panel, the Runbooks tree, the status
 * bar item, the commands, and the notification that tells the language server which runbooks
 * have runs. extension.ts calls `registerChecklist(context)` and nothing else.
 *
 * Where things live: the record model is pure (core/records), the files and git are
 * Node-only and shared with the CLI (node/recordFiles.ts), the page is client/webview, and
 * the messages between page and host are typed once in ./messages.ts.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ChecklistController } from './controller';
import { RunbooksTree } from './runbooksTree';
import { ServerState } from './serverState';
import { RunStatusBar } from './statusBar';
import { ChecklistPanel, ChecklistViewProvider, PANEL_TYPE, VIEW_ID, webviewOptions } from './webviewHost';
import type { PageState } from './messages';
import type { RecordStorage } from './storage/types';

export const RUNBOOKS_VIEW_ID = 'runbook.runbooks';

/**
 * Returns the controller, which the report view (client/src/report) shares. `storage` is where run
 * records live: node/records on the desktop (storage/nodeStorage.ts), the editor's file system on
 * the web (storage/workspaceStorage.ts).
 */
export function registerChecklist(context: vscode.ExtensionContext, storage: RecordStorage): ChecklistController {
  const controller = new ChecklistController(context, storage);
  const server = new ServerState();
  const tree = new RunbooksTree(controller, server);
  const view = new ChecklistViewProvider(controller, context.extensionUri);
  context.subscriptions.push(
    controller,
    server,
    tree,
    view,
    new RunStatusBar(controller),
    vscode.window.registerWebviewViewProvider(VIEW_ID, view),
    vscode.window.registerWebviewPanelSerializer(PANEL_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PageState | undefined) {
        panel.webview.options = webviewOptions(context.extensionUri);
        ChecklistPanel.revive(panel, controller, context.extensionUri, state);
      },
    }),
    vscode.window.createTreeView(RUNBOOKS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.window.onDidChangeActiveTextEditor((e) => view.follow(e)),
    { dispose: () => ChecklistPanel.current?.dispose() },
    ...registerCommands({ extensionUri: context.extensionUri, controller, view, tree }),
  );
  return controller;
}
