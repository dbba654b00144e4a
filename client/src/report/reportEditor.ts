/**
 * The read-only custom editor for `*.runbook-run`: the run report (header, timeline, table), redrawn
 * when the file changes. "Open as text" reopens the file in the text editor; "Export HTML…" saves
 * the self-contained report; "Compare with…" picks another run to put side by side. Files are
 * read and written through `vscode.workspace.fs`: the same editor runs in the web build.
 */
import * as vscode from 'vscode';
import { reportDocument } from '../../../core/records/reportHtml';
import type { ChecklistController } from '../checklist/controller';
import { nonce, reportPageHtml, unreadablePageHtml } from './html';
import { loadReport, viewTimeZone } from './load';

export const REPORT_VIEW_TYPE = 'runbook.runReport';

export function reportWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  // Scripts only for the page's own file; nothing else is reachable.
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out')] };
}

export async function renderReport(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  controller: ChecklistController,
  file: vscode.Uri,
): Promise<void> {
  const page = {
    nonce: nonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'out', 'reportView.js')).toString(),
    timeZone: viewTimeZone(),
  };
  const loaded = await loadReport(file, controller);
  webview.html = loaded.ok
    ? reportPageHtml(page, loaded.report)
    : unreadablePageHtml(page, vscode.workspace.asRelativePath(file), loaded.problems);
}

/** The page's buttons: the same handlers for the custom editor and the command's panel. */
export async function onPageMessage(message: unknown, uri: vscode.Uri, controller: ChecklistController): Promise<void> {
  const type = (message as { type?: unknown })?.type;
  if (type === 'openText') {
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
  } else if (type === 'exportHtml') {
    const loaded = await loadReport(uri, controller);
    if (!loaded.ok) return;
    const target = await vscode.window.showSaveDialog({
      defaultUri: uri.with({ path: uri.path.replace(/\.runbook-run$/, '.report.html') }),
      filters: { 'HTML file': ['html'] },
      title: 'Export the run report as one HTML file',
    });
    if (!target) return;
    try {
      const html = reportDocument(loaded.report, { timeZone: viewTimeZone() });
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
      void vscode.window.showInformationMessage(`Saved the report to ${vscode.workspace.asRelativePath(target)}.`);
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not save the report: ${(e as Error).message}`);
    }
  } else if (type === 'compare') {
    await vscode.commands.executeCommand('runbook.compareRuns', uri);
  }
}

export class RunReportEditor implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChecklistController,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const file = document.uri;
    panel.webview.options = reportWebviewOptions(this.extensionUri);
    // Draws in order: a slow read that finishes after a newer one does not paint over it.
    let drawing: Promise<void> = Promise.resolve();
    const draw = () =>
      (drawing = drawing.then(() =>
        renderReport(panel.webview, this.extensionUri, this.controller, file).catch((e) =>
          console.error(`Runbook: drawing the run report of ${file.toString()} failed: ${String(e)}`),
        ),
      ));
    const subscriptions = [
      panel.webview.onDidReceiveMessage((m) => onPageMessage(m, file, this.controller)),
      // A tick in another window or a git pull: show the record as it is now.
      this.controller.library.onDidChange((u) => {
        if (!u || u.toString() === file.toString()) void draw();
      }),
    ];
    panel.onDidDispose(() => subscriptions.forEach((d) => d.dispose()));
    return draw();
  }
}
