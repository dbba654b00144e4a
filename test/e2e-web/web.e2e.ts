// The web build in a real web workbench: code-server's, with our extension placed in its web
// worker extension host (test/e2e/code-server-launcher.mjs, RUNBOOK_E2E_HOST=web). The language
// server then runs in a nested web worker; documents and team packs come through the editor's
// file system as `vscode-remote:` URIs, a scheme the Node build never served before.
import * as assert from './assert';
import * as vscode from 'vscode';
import { activate, codeOf, diagnosticsOf, EXTENSION_ID, waitFor, workspaceUri } from '../e2e/suite/helpers';
import { finishedRehearsal } from './fixtures';
import { HOST_AT_LOAD } from './index';
import { before, describe, it } from './runner';

/** A fresh copy of a broken example, so no test sees another's unsaved edits (nothing here saves). */
async function copyOfBroken(example: string, name: string): Promise<vscode.Uri> {
  const copy = workspaceUri('broken', name);
  await vscode.workspace.fs.copy(workspaceUri('broken', example), copy, { overwrite: true });
  return copy;
}

describe('web build in a web worker extension host', () => {
  before(activate);

  it('runs the `browser` entry with no Node: no `process`, a worker global scope', () => {
    assert.strictEqual(HOST_AT_LOAD.process, 'undefined', 'the tests run in the Node extension host');
    assert.strictEqual(HOST_AT_LOAD.workerScope, 'function', 'not a web worker');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'the extension did not activate in this host');
    assert.strictEqual(vscode.workspace.workspaceFolders?.[0].uri.scheme, 'vscode-remote');
  });

  // Early in the suite: the shared drivers watch for their pages for a fixed time from page load
  // (checklist-click.mjs 120 s, report-view.mjs 240 s), which a slow shared machine can use up.
  it('a rehearsal starts, a click in the checklist webview writes the tick, read back through vscode.workspace.fs', async () => {
    await vscode.workspace
      .getConfiguration('runbook')
      .update('operator', 'E2E Web Operator', vscode.ConfigurationTarget.Global);
    const runbook = workspaceUri('database-restore.runbook.yaml');
    assert.strictEqual(vscode.workspace.fs.isWritableFileSystem(runbook.scheme), true);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(runbook));
    await vscode.commands.executeCommand('runbook.startRun', runbook, 'rehearsal');
    const runs = workspaceUri('runs');
    const record = await waitFor(async () => {
      const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(runs)).catch(() => []);
      const file = entries
        .map(([name]) => name)
        .find((n) => n.startsWith('database-restore.') && n.endsWith('.runbook-run'));
      return file ? vscode.Uri.joinPath(runs, file) : undefined;
    }, 'the run record to be created through vscode.workspace.fs');
    assert.strictEqual(record.scheme, 'vscode-remote');
    // The shared driver (test/e2e/drivers/checklist-click.mjs) clicks the first tickable step in the page.
    const text = await waitFor(
      async () => {
        const t = new TextDecoder().decode(await vscode.workspace.fs.readFile(record));
        return /"event":"done"/.test(t) ? t : undefined;
      },
      'the tick from the webview click to reach the record',
      120_000,
    );
    const events = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { event: string; by: string; step?: string; steps?: [string, string][] });
    const start = events[0];
    const done = events.find((e) => e.event === 'done')!;
    assert.strictEqual(start.event, 'start');
    assert.strictEqual(done.by, 'E2E Web Operator');
    assert.strictEqual(done.step, start.steps![0][0], 'the first step was ticked');
    assert.match(text, /"rehearsal":true/);
    assert.match(text.split('\n')[0], /"runbook":"database-restore.runbook.yaml"/);
  });

  it('a .runbook-run record opens in the run report editor, whose page shows its bars', async () => {
    const file = workspaceUri('reviews', 'database-restore.20261101T220000Z.runbook-run');
    await vscode.workspace.fs.createDirectory(workspaceUri('reviews'));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(finishedRehearsal()));
    await vscode.commands.executeCommand('vscode.open', file);
    const tab = await waitFor(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputCustom && input.uri.toString() === file.toString() ? input : undefined;
    }, 'the record to open in a custom editor');
    assert.strictEqual(tab.viewType, 'runbook.runReport');
    // The shared driver (test/e2e/drivers/report-view.mjs) counts the page's 8 bars, then clicks
    // "Open as text": the file opening as text is the page's answer.
    const editor = await waitFor(
      () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.toString() === file.toString() ? e : undefined;
      },
      'the report page (8 bars) to be found and its "Open as text" to reopen the record as text',
      120_000,
    );
    assert.match(editor.document.getText(), /"event":"start"/);
  });

  it('shows diagnostics on a vscode-remote: runbook and a quick fix removes its problem', async () => {
    const uri = await copyOfBroken('dr-setup-without-switch.runbook.yaml', 'web-quick-fix.runbook.yaml');
    assert.strictEqual(uri.scheme, 'vscode-remote');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [problem] = await diagnosticsOf(
      uri,
      (d) => d.some((x) => codeOf(x) === 'dr-setup-switch'),
      'the dr-setup-switch diagnostic',
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      problem.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix, `no preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await diagnosticsOf(uri, (d) => d.length === 0, 'the diagnostic to disappear after the fix');
    assert.match(doc.getText(), /\/disasterrecovery/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('answers hover, completion, outline and CodeLens', async () => {
    const uri = workspaceUri('backup.runbook.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const actionLine = doc
      .getText()
      .split('\n')
      .findIndex((l) => /^\s*action:\s*\S/.test(l));
    assert.ok(actionLine >= 0, 'backup.runbook.yaml has no action line');
    const at = new vscode.Position(actionLine, doc.lineAt(actionLine).text.indexOf('action:') + 10);
    const hovers = await waitFor(async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      return h.length ? h : undefined;
    }, 'a hover on an action');
    assert.ok(hovers.some((h) => h.contents.length > 0));
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    assert.ok(symbols.length > 0, 'no outline');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.ok(lenses.length > 0, 'no CodeLens');
    const valueStart = new vscode.Position(actionLine, doc.lineAt(actionLine).text.indexOf('action:') + 8);
    await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        valueStart,
      );
      return list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'database.restore');
    }, 'completion to list the catalogue action database.restore');
  });

  it("applies the repository's team rule pack, read through vscode.workspace.fs", async () => {
    const pack = workspaceUri('.runbook', 'rules', 'team.yaml');
    await vscode.workspace.fs.writeFile(
      pack,
      new TextEncoder().encode(
        'pack: 1\nrules:\n  - id: team/smoke\n    kind: requires\n    severity: warning\n    summary: s\n' +
          '    message: Add a smoke test.\n    step: { action: manual, with: { check: smoke } }\n',
      ),
    );
    try {
      const uri = workspaceUri('backup.runbook.yaml');
      await vscode.workspace.openTextDocument(uri);
      await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'team/smoke'), 'the team pack rule on a runbook');
    } finally {
      await vscode.workspace.fs.delete(pack);
    }
    await diagnosticsOf(
      workspaceUri('backup.runbook.yaml'),
      (d) => !d.some((x) => codeOf(x) === 'team/smoke'),
      'the team rule to go once its pack is deleted',
    );
  });

  it('applies runbook.rules from the workspace settings, without a reload', async () => {
    const uri = await copyOfBroken('dr-setup-without-switch.runbook.yaml', 'web-settings.runbook.yaml');
    await vscode.workspace.openTextDocument(uri);
    await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'dr-setup-switch'), 'the dr-setup-switch diagnostic');
    const config = vscode.workspace.getConfiguration('runbook');
    await config.update('rules', { 'dr-setup-switch': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsOf(uri, (d) => !d.some((x) => codeOf(x) === 'dr-setup-switch'), 'the rule to be turned off');
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'dr-setup-switch'), 'the rule to be back on');
  });

  it('a .runbookrc.json read through vscode.workspace.fs turns a rule off, and its removal turns it back on', async () => {
    const uri = await copyOfBroken('dr-setup-without-switch.runbook.yaml', 'web-config.runbook.yaml');
    await vscode.workspace.openTextDocument(uri);
    await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'dr-setup-switch'), 'the dr-setup-switch diagnostic');
    const config = workspaceUri('broken', '.runbookrc.json');
    await vscode.workspace.fs.writeFile(
      config,
      new TextEncoder().encode('{ "rules": { "dr-setup-switch": "off" } }\n'),
    );
    try {
      await diagnosticsOf(
        uri,
        (d) => !d.some((x) => codeOf(x) === 'dr-setup-switch'),
        'the rule to be turned off by the config file',
      );
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await diagnosticsOf(
      uri,
      (d) => d.some((x) => codeOf(x) === 'dr-setup-switch'),
      'the rule to be back once the file is gone',
    );
  });

  it('a command the browser cannot run (readable diffs need git) answers with a message instead of failing', async () => {
    // "command not found" would reject: every contributed command has a handler here.
    await vscode.commands.executeCommand('runbook.setupRecordDiffs');
  });
});
