/**
 * The protocol as the LSP specification says, on the bundled server. Measured on the old code: a
 * request before `initialize` got `null` (should be -32002), after `shutdown` a normal result
 * (-32600), `position: null` an InternalError quoting a JavaScript TypeError (-32602), and a
 * cancelled request was answered as if nothing happened (-32800).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver-protocol/node';

const uri = 'file:///protocol.runbook.yaml';

function spawnServer() {
  const child = spawn(process.execPath, [resolve(__dirname, '../../out/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  connection.listen();
  return { child, connection };
}

async function errorCode(p: Promise<unknown>): Promise<number | string> {
  try {
    return `answered ${JSON.stringify(await p)}`;
  } catch (e) {
    assert.ok(e instanceof ResponseError, String(e));
    assert.doesNotMatch(e.message, /TypeError|Cannot read properties/);
    return e.code;
  }
}

const hover = (position: unknown) => ({ textDocument: { uri }, position }) as never;

test('-32002 before initialize, -32602 for bad params, -32800 when cancelled, -32600 after shutdown', async () => {
  const { child, connection } = spawnServer();
  try {
    assert.equal(await errorCode(connection.sendRequest(HoverRequest.type, hover({ line: 0, character: 0 }))), -32002);
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'runbook', version: 1, text: 'runbook: 1\ntitle: T\n' },
    });
    const ok = await connection.sendRequest(HoverRequest.type, hover({ line: 0, character: 1 }));
    assert.ok(ok === null || typeof ok === 'object');
    for (const bad of [null, { line: -1, character: 0 }, { line: 'a', character: 0 }, undefined])
      assert.equal(await errorCode(connection.sendRequest(HoverRequest.type, hover(bad))), -32602, JSON.stringify(bad));
    assert.equal(await errorCode(connection.sendRequest(HoverRequest.type, { textDocument: null } as never)), -32602);

    // The cancel goes out just after the request; on a loaded machine the server may read and answer
    // the request before the cancel arrives, which the protocol allows. A few tries: at least one
    // must come back -32800, and none may fail otherwise.
    const outcomes: unknown[] = [];
    for (let i = 0; i < 5 && !outcomes.includes(-32800); i++) {
      const source = new CancellationTokenSource();
      const cancelled = connection.sendRequest(HoverRequest.type, hover({ line: 0, character: 1 }), source.token);
      source.cancel();
      const outcome = await cancelled.then(
        () => 'answered',
        (e: unknown) => (e instanceof ResponseError ? e.code : String(e)),
      );
      assert.ok(outcome === 'answered' || outcome === -32800, `a cancelled hover got ${String(outcome)}`);
      outcomes.push(outcome);
    }
    assert.ok(outcomes.includes(-32800), `no cancelled hover was refused: ${outcomes.join(', ')}`);

    await connection.sendRequest(ShutdownRequest.type);
    assert.equal(await errorCode(connection.sendRequest(HoverRequest.type, hover({ line: 0, character: 1 }))), -32600);
    await connection.sendNotification(ExitNotification.type);
  } finally {
    connection.dispose();
    child.kill();
  }
});
