// The live checklist in the real editor: open it on a runbook, start a run, and a real click in
// the webview (test/e2e/drivers/checklist-click.mjs) writes the tick into the run record on disk.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, waitFor, workspaceUri } from './helpers';

describe('checklist', () => {
  before(async () => {
    await activate();
    await vscode.workspace
      .getConfiguration('runbook')
      .update('operator', 'E2E Operator', vscode.ConfigurationTarget.Global);
  });

  it('a click on a step in the webview writes that step, a UTC timestamp and the operator to the run record', async () => {
    const runbook = workspaceUri('database-restore.runbook.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(runbook));
    await vscode.commands.executeCommand('runbook.startRun', runbook, 'rehearsal');
    const runs = workspaceUri('runs');
    const record = await waitFor(async () => {
      const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(runs)).catch(() => []);
      const file = entries
        .map(([name]) => name)
        .find((n) => n.startsWith('database-restore') && n.endsWith('.runbook-run'));
      return file ? vscode.Uri.joinPath(runs, file) : undefined;
    }, 'the run record to be created');
    const text = await waitFor(
      async () => {
        const t = new TextDecoder().decode(await vscode.workspace.fs.readFile(record));
        return /"event":"done"/.test(t) ? t : undefined;
      },
      'the tick from the webview click to reach the record',
      120_000,
    );
    const done = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((e) => e.event === 'done');
    assert.match(done.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.strictEqual(done.by, 'E2E Operator');
    const start = JSON.parse(text.split('\n')[0]);
    assert.strictEqual(done.step, start.steps[0][0], 'the first step was ticked');
    assert.strictEqual(start.rehearsal, true);
    // Screenshot mode: keep the ticked checklist on screen for the driver's picture.
    if (process.env.RUNBOOK_E2E_SCREENSHOTS === '1') await new Promise((r) => setTimeout(r, 3000));
  });
});
