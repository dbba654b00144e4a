/**
 * The editor features through the real protocol: the bundled server over stdio, asked the way
 * any LSP client asks. The service tests pin the details; these check the wiring and the shapes
 * on the wire (including that a refused rename is an error response with our message).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-jsonrpc';
import type {
  CodeLens,
  CompletionList,
  DocumentSymbol,
  Hover,
  Location,
  MarkupContent,
  Position,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { startServer, type LspSession } from './lspClient';

const uri = 'file:///work/lsp-features.runbook.yaml';
const TEXT = `runbook: 1
title: Restore the mailbox store
scenario: database-restore
server:
  name: EXCH01
  storageGroups:
    - name: First Storage Group
      databases: [Mailbox Store]
steps:
  - id: dismount
    action: database.dismount
    with: { storageGroup: First Storage Group }
  - id: restore
    action: database.restore
    after: [dismount]
    with:
      backupSet: 
`;
const lines = TEXT.split('\n');
/** The position of `needle` on the line that holds it (`offset` characters into it). */
function pos(needle: string, offset = 0): Position {
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line !== -1, needle);
  return { line, character: lines[line].indexOf(needle) + offset };
}
const DECL: Range = { start: pos('id: dismount', 4), end: pos('id: dismount', 12) };
const REF: Range = { start: pos('[dismount]', 1), end: pos('[dismount]', 9) };

let lsp: LspSession;
const doc = { textDocument: { uri } };
const request = <R>(method: string, params: object) =>
  lsp.connection.sendRequest(method, { ...doc, ...params }) as Promise<R>;

before(async () => {
  lsp = await startServer();
  const opened = lsp.nextDiagnostics(uri);
  lsp.open(uri, TEXT);
  await opened;
});
after(async () => {
  await lsp.stop();
  assert.doesNotMatch(lsp.stderr(), /Unhandled|Uncaught/);
});

describe('editor features over stdio', () => {
  test('completion: enum values of the parameter at the cursor', async () => {
    const list = await request<CompletionList>('textDocument/completion', {
      position: { line: lines.length - 2, character: 17 },
    });
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['full', 'incremental', 'differential', 'copy'],
    );
  });
  test('completion: action ids with their summaries', async () => {
    const list = await request<CompletionList>('textDocument/completion', {
      position: pos('action: database.restore', 8),
    });
    const restore = list.items.find((i) => i.label === 'database.restore');
    assert.equal(restore?.detail, 'Restore databases from backup');
  });
  test('hover on an action id', async () => {
    const h = await request<Hover>('textDocument/hover', { position: pos('database.restore', 3) });
    assert.equal((h.contents as MarkupContent).kind, 'markdown');
    assert.match((h.contents as MarkupContent).value, /Restore databases from backup[\s\S]*\| `backupSet` \|/);
    assert.deepEqual(h.range, { start: pos('database.restore'), end: pos('database.restore', 16) });
  });
  test('definition and references of a step id', async () => {
    assert.deepEqual(await request<Location[]>('textDocument/definition', { position: REF.start }), [
      { uri, range: DECL },
    ]);
    const refs = await request<Location[]>('textDocument/references', {
      position: DECL.start,
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      refs.map((r) => r.range),
      [DECL, REF],
    );
  });
  test('prepareRename and rename', async () => {
    assert.deepEqual(await request('textDocument/prepareRename', { position: DECL.start }), {
      range: DECL,
      placeholder: 'dismount',
    });
    const edit = await request<WorkspaceEdit>('textDocument/rename', { position: REF.start, newName: 'take-offline' });
    assert.deepEqual(edit.changes?.[uri], [
      { range: DECL, newText: 'take-offline' },
      { range: REF, newText: 'take-offline' },
    ]);
  });
  test('a refused prepareRename is an error response carrying our message', async () => {
    await assert.rejects(request('textDocument/prepareRename', { position: pos('title:') }), (err: unknown) => {
      assert.ok(err instanceof ResponseError);
      assert.equal(err.code, -32803); // LSPErrorCodes.RequestFailed
      assert.equal(err.message, 'Only a step id can be renamed.');
      return true;
    });
  });
  test('a refused rename says why', async () => {
    await assert.rejects(request('textDocument/rename', { position: DECL.start, newName: 'restore' }), {
      message: "Step 2 already has the id 'restore'; step ids must be unique.",
    });
  });
  test('document symbols: server and steps with one child per step', async () => {
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', {});
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['server', 'steps'],
    );
    assert.deepEqual(
      symbols[1].children?.map((s) => [s.name, s.detail]),
      [
        ['dismount', 'database.dismount'],
        ['restore', 'database.restore'],
      ],
    );
    assert.deepEqual(
      symbols[0].children?.map((s) => s.name),
      ['First Storage Group'],
    );
  });
  test('code lens: the summary, then "Open checklist" once the client reports a run', async () => {
    const title = { start: pos('title:'), end: pos('title:', 5) };
    assert.deepEqual(await request<CodeLens[]>('textDocument/codeLens', {}), [
      { range: title, command: { title: '2 steps · database-restore', command: '' } },
    ]);
    await lsp.connection.sendNotification('runbook/checklistState', { runbooksWithRuns: [uri] });
    const lenses = await request<CodeLens[]>('textDocument/codeLens', {});
    assert.deepEqual(
      lenses.map((l) => l.command?.command),
      ['', 'runbook.openChecklist'],
    );
    assert.deepEqual(lenses[1].command?.arguments, [uri]);
  });
});

test('editors other than VS Code get the scenario snippets in an empty runbook; VS Code turns them off', async () => {
  for (const [options, expected] of [
    [undefined, true],
    [{ snippets: false }, false],
  ] as const) {
    const lsp = await startServer({ initializationOptions: options });
    try {
      const uri = 'file:///empty.runbook.yaml';
      lsp.open(uri, '');
      const list = (await lsp.connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: 0, character: 0 },
      })) as { items: { label: string }[] } | null;
      const labels = (list?.items ?? []).map((i) => i.label);
      assert.equal(
        labels.some((l) => /member-server/.test(l)),
        expected,
        labels.join(', '),
      );
    } finally {
      await lsp.stop();
    }
  }
});

test('code actions over LSP: the quick fix for a diagnostic, with an edit that removes it', async () => {
  const lsp = await startServer();
  try {
    const uri = 'file:///qf.runbook.yaml';
    const text =
      'runbook: 1\ntitle: t\nscenario: database-restore\nserver: { name: EXCH01 }\nsteps:\n  - id: check\n    action: store.verify-runing\n';
    const got = lsp.nextDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-action'));
    lsp.open(uri, text);
    const diag = (await got).diagnostics.find((d) => d.code === 'unknown-action')!;
    const actions = (await lsp.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as { title: string; isPreferred?: boolean; edit?: { changes: Record<string, { newText: string }[]> } }[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, "Change to 'store.verify-running'");
    assert.equal(fix.edit!.changes[uri][0].newText, 'store.verify-running');
    assert.ok(actions.some((a) => a.title === "Disable 'unknown-action' for this line"));
  } finally {
    await lsp.stop();
  }
});
