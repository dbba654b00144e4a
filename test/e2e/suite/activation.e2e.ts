// The smallest proof that the real editor loads the extension: a runbook opens with
// the `runbook` language and the extension activates. Runs in the extension host.
import * as assert from 'node:assert';
import * as vscode from 'vscode';

import { EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('opens a *.runbook.yaml as language "runbook" and activates the extension', async () => {
    // findFiles, not a hard-coded path: the launcher runs on a temp copy of examples/.
    const files = await vscode.workspace.findFiles('**/*.runbook.yaml', '**/node_modules/**', 1);
    assert.ok(files.length > 0, `no *.runbook.yaml in the workspace ${process.env.RUNBOOK_E2E_WORKSPACE ?? ''}`);

    const doc = await vscode.workspace.openTextDocument(files[0]);
    await vscode.window.showTextDocument(doc);

    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    // Opening the document fires onLanguage:runbook; activate() too, in case activation is lazier.
    await ext.activate();
    await waitFor(() => ext.isActive, 'extension to become active');

    assert.strictEqual(doc.languageId, 'runbook');
  });
});

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
