/**
 * The language server under Node (out/server.js): stdio, node IPC or a socket, chosen by the
 * command line. Installs the Node host, then loads the shared LSP wiring (server.ts).
 */
import { installHost } from './host';
import { nodeHost } from './nodeHost';
import { installNodeSha256 } from '../../node/hash';

installHost(nodeHost());
// The checklist's plans (runbook and step digests) hash with Node's crypto: same hex, far faster.
installNodeSha256();
// After the host: a static import would run server.ts before installHost.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./server');
