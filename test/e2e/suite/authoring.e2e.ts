// Authoring in the real editor: diagnostics reach the Problems panel, a quick fix applied through
// the code-action API removes its problem, completion lists actions, a snippet lints clean.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, codeOf, diagnosticsOf, waitFor, workspaceUri } from './helpers';

describe('authoring', () => {
  before(activate);

  it('every broken example shows exactly the rule codes its "# expect:" line names', async () => {
    const files = await vscode.workspace.findFiles('broken/*.runbook.yaml');
    assert.ok(files.length >= 6, `only ${files.length} broken examples found`);
    for (const uri of files) {
      const doc = await vscode.workspace.openTextDocument(uri);
      const expected = /^# expect: (.+)$/m
        .exec(doc.getText())![1]
        .split(',')
        .map((s) => s.trim())
        .sort();
      const got = await diagnosticsOf(uri, (d) => d.length > 0, `diagnostics of ${uri.path}`);
      assert.deepStrictEqual([...new Set(got.map(codeOf))].sort(), expected, uri.path);
    }
  });

  it('every clean example has no diagnostics', async () => {
    // An empty list is also what a file the server never answered for shows. So first make the
    // server answer (break the version line, wait for its error), then restore the text and
    // wait for the list to empty: the clean text was checked and found clean.
    for (const uri of await vscode.workspace.findFiles('*.runbook.yaml')) {
      const doc = await vscode.workspace.openTextDocument(uri);
      const first = new vscode.Range(0, 0, 0, doc.lineAt(0).text.length);
      const original = doc.lineAt(0).text;
      const edit = (text: string) => {
        const e = new vscode.WorkspaceEdit();
        e.replace(uri, first, text);
        return vscode.workspace.applyEdit(e);
      };
      assert.ok(await edit('runbook: 2'));
      await diagnosticsOf(uri, (d) => d.some((x) => codeOf(x) === 'schema'), `the server's answer for ${uri.path}`);
      assert.ok(await edit(original));
      await diagnosticsOf(uri, (d) => d.length === 0, `${uri.path} to lint clean`);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('a quick fix applied through the code-action API removes its diagnostic', async () => {
    const uri = workspaceUri('broken', 'dr-setup-without-switch.runbook.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [problem] = await diagnosticsOf(
      uri,
      (d) => d.some((x) => codeOf(x) === 'dr-setup-switch'),
      'the dr-setup-switch diagnostic',
    );
    // Screenshot mode: leave the squiggle on screen long enough for the driver to picture it.
    if (process.env.RUNBOOK_E2E_SCREENSHOTS === '1') {
      vscode.window.activeTextEditor!.revealRange(problem.range, vscode.TextEditorRevealType.InCenter);
      await new Promise((r) => setTimeout(r, 4000));
    }
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

  it('completion at an action: value lists the catalogue actions', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'runbook',
      content:
        'runbook: 1\ntitle: t\nscenario: backup\nserver: { name: EXCH01 }\nsteps:\n  - id: first\n    action: \n',
    });
    await vscode.window.showTextDocument(doc);
    const list = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        new vscode.Position(6, 12),
      );
      return l.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'database.restore')
        ? l
        : undefined;
    }, 'completion to list database.restore');
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const id of [
      'backup.run',
      'database.restore',
      'exchange.setup-disaster-recovery',
      'cluster.evict-node',
      'manual',
    ])
      assert.ok(labels.includes(id), `${id} missing`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a scenario snippet inserted into an empty runbook lints clean', async () => {
    const uri = workspaceUri('from-snippet.runbook.yaml');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    // The empty file's own error first: the later empty list is then the server's answer to the snippet.
    await diagnosticsOf(uri, (d) => d.some((x) => /empty/.test(x.message)), 'the empty-runbook error');
    const ext = vscode.extensions.getExtension('runbook-studio.runbook-studio')!;
    const snippets = JSON.parse(
      new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'snippets', 'runbook.json')),
      ),
    );
    const body = (
      snippets[Object.keys(snippets).find((k) => snippets[k].prefix === 'runbook-member-server')!].body as string[]
    ).join('\n');
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(body)));
    await waitFor(() => doc.getText().includes('scenario: member-server'), 'the snippet text');
    await diagnosticsOf(uri, (d) => d.length === 0, 'the expanded snippet to lint clean');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
