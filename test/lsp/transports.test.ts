/** The server speaks LSP over every transport an editor may pick: stdio (other tests), node IPC and a socket. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  DidOpenTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { IPCMessageReader, IPCMessageWriter, SocketMessageReader, SocketMessageWriter } from 'vscode-jsonrpc/node';

const serverPath = resolve(__dirname, '../../out/server.js');
const broken =
  'runbook: 1\ntitle: t\nscenario: backup\nserver: { name: X }\nsteps:\n  - id: a\n    action: nope.nope\n';

async function roundTrip(connection: ProtocolConnection): Promise<PublishDiagnosticsParams> {
  const got = new Promise<PublishDiagnosticsParams>((r) =>
    connection.onNotification(PublishDiagnosticsNotification.type, r),
  );
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    workspaceFolders: null,
  });
  assert.equal(init.serverInfo?.name, 'runbook-language-server');
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'file:///t.runbook.yaml', languageId: 'runbook', version: 1, text: broken },
  });
  const d = await got;
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  return d;
}

test('node IPC', async () => {
  const child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  try {
    const d = await roundTrip(createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)));
    assert.ok(
      d.diagnostics.some((x) => x.code === 'unknown-action'),
      JSON.stringify(d.diagnostics),
    );
  } finally {
    child.kill();
  }
});

test('socket', async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const accepted = new Promise<import('node:net').Socket>((r) => server.once('connection', r));
  const child = spawn(process.execPath, [serverPath, `--socket=${port}`], { stdio: 'ignore' });
  const socket = await accepted;
  try {
    const d = await roundTrip(
      createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket)),
    );
    assert.ok(
      d.diagnostics.some((x) => x.code === 'unknown-action'),
      JSON.stringify(d.diagnostics),
    );
  } finally {
    child.kill();
    socket.destroy();
    server.close();
  }
});
