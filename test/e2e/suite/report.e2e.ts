// The run report in the real editor: a record opens in the read-only custom editor, the page shows
// its timeline (test/e2e/drivers/report-view.mjs looks inside the webview and clicks "Open as
// text"), and that button reopens the same file as text.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, waitFor, workspaceUri } from './helpers';

const STEPS = [
  'check-store-running',
  'check-disk-room',
  'dismount-sales-store',
  'copy-damaged-files',
  'restore-sunday-full',
  'restore-monday-incremental',
  'restore-tuesday-incremental',
  'verify-sales-mounted',
  'tell-sales-users',
];

/** A finished rehearsal written by hand: begin and done per step, one skip, one override, a note. */
function record(): string {
  const t0 = Date.parse('2026-11-01T22:00:00.000Z');
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  const lines: object[] = [
    {
      at: at(0),
      by: 'Alice',
      event: 'start',
      format: 1,
      runbook: 'database-restore.runbook.yaml',
      sha256: '0'.repeat(64),
      rehearsal: true,
      rto: 4 * 3600,
      steps: STEPS.map((id) => [id, '0000000000000000']),
    },
  ];
  STEPS.forEach((id, i) => {
    if (id === 'copy-damaged-files') {
      lines.push({ at: at(600 * i + 10), by: 'Bob', event: 'skip', step: id, reason: 'new disk, nothing to keep' });
      return;
    }
    lines.push({ at: at(600 * i + 10), by: 'Alice', event: 'begin', step: id });
    lines.push({
      at: at(600 * i + 400),
      by: 'Alice',
      event: 'done',
      step: id,
      ...(id === 'restore-tuesday-incremental' ? { override: 'Monday tape checked by hand' } : {}),
    });
  });
  lines.push({ at: at(600 * STEPS.length), by: 'Alice', event: 'finish', note: 'store mounted' });
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

describe('run report', () => {
  before(activate);

  it('a record opens in the run report editor, whose "Open as text" reopens it as text', async () => {
    const file = workspaceUri('reviews', 'database-restore.20261101T220000Z.runbook-run');
    await vscode.workspace.fs.createDirectory(workspaceUri('reviews'));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(record()));
    await vscode.commands.executeCommand('vscode.open', file);
    const tab = await waitFor(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.uri.toString() === file.toString() ? input : undefined;
    }, 'the record to open in a custom editor');
    assert.strictEqual(tab.viewType, 'runbook.runReport');
    // The driver finds the timeline in the page and clicks "Open as text": the same file, as text.
    const editor = await waitFor(
      () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.toString() === file.toString() ? e : undefined;
      },
      'the page\'s "Open as text" to open the record in the text editor',
      120_000,
    );
    assert.match(editor.document.getText(), /"event":"start"/);
  });
});
