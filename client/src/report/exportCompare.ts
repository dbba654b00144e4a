/**
 * "Export HTML…" of the compare panel: the two runs side by side as one self-contained file, like
 * the single run's export. Written through the workspace file system, so it works wherever the
 * editor does.
 */
import * as vscode from 'vscode';
import { comparisonDocument, type RunComparison } from '../../../core/records/reportCompare';
import { viewTimeZone } from './load';

const stem = (uri: vscode.Uri) => uri.path.replace(/^.*\//, '').replace(/\.runbook-run$/, '');

export async function exportComparison(c: RunComparison, first: vscode.Uri, second: vscode.Uri): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(first, '..', `${stem(first)}-vs-${stem(second)}.compare.html`),
    filters: { 'HTML file': ['html'] },
    title: 'Export the comparison as one HTML file',
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(
      target,
      new TextEncoder().encode(comparisonDocument(c, { timeZone: viewTimeZone() })),
    );
    void vscode.window.showInformationMessage(`Saved the comparison to ${vscode.workspace.asRelativePath(target)}.`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Could not save the comparison: ${(e as Error).message}`);
  }
}
