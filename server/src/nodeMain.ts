/**
 * The language server under Node (out/server.js): stdio, node IPC or a socket, chosen by the
 * command line. Installs the Node host, then loads the shared LSP wiring (server.ts).
 *
 * The same file is the checker thread's script (checkerThread.ts starts `new Worker(__filename)`):
 * one bundle instead of a second one that repeated the whole core (511 KB minified). Each branch
 * requires only what it runs, so the thread never loads the LSP connection and the main thread
 * never loads the checker's message loop.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { isMainThread } from 'node:worker_threads';
import { installNodeSha256 } from '../../node/hash';

// The checklist's plans (runbook and step digests) hash with Node's crypto: same hex, far faster.
installNodeSha256();
if (isMainThread) {
  const { installHost } = require('./host') as typeof import('./host');
  const { nodeHost } = require('./nodeHost') as typeof import('./nodeHost');
  installHost(nodeHost());
  // After the host: server.ts reads it when it loads.
  require('./server');
} else {
  require('./checker');
}
