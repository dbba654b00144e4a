/**
 * The language server in a web worker (out/web/server.js), for vscode.dev, github.dev and any
 * web workbench: messages come and go through postMessage, there is no file system, so team
 * rule packs and `.runbookrc.json` files are read by the extension through `vscode.workspace.fs`
 * and sent here on request (the walk from each runbook is configTexts.ts).
 */
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection,
  ProposedFeatures,
} from 'vscode-languageserver/browser';
import { installHost } from './host';
import { packsFromTexts } from './packTexts';
import { ConfigFilesRequest, TeamPackFilesRequest } from './protocol';

const connection = createConnection(
  ProposedFeatures.all,
  new BrowserMessageReader(self),
  new BrowserMessageWriter(self),
);

// As the Node host does: a failure the handlers did not catch reaches the client's output channel.
self.addEventListener('unhandledrejection', (e) =>
  connection.console.error(`Unhandled rejection: ${String(e.reason)}`),
);
self.addEventListener('error', (e) => connection.console.error(`Uncaught exception: ${e.message}`));

installHost({
  connection,
  debounceMs: 15,
  async loadTeamPacks(roots, builtinIds, openTexts) {
    let files: { uri: string; text: string }[] = [];
    try {
      files = await connection.sendRequest(TeamPackFilesRequest, { roots });
    } catch (err) {
      connection.console.error(`Reading team rule packs failed: ${String(err)}`);
    }
    // Unsaved editor text wins over the saved file, as in the Node server.
    return packsFromTexts(
      files.map((f) => ({ uri: f.uri, text: openTexts.get(f.uri) ?? f.text })),
      builtinIds,
    );
  },
  // VS Code offers the scenario snippets from the manifest; the web server has no file to read.
  scenarioSnippets: () => [],
  afterCheck: () => undefined,
  // No threads here: every document is checked in this worker, large ones still cut to syntax
  // and schema past the same size as in Node.
  threadChars: Number.POSITIVE_INFINITY,
  fullCheckChars: 4_000_000,
  createChecker: () => undefined,
  // Team packs (above) and config files come from the client.
  projectConfigs: () => undefined,
  async loadConfigTexts(roots) {
    try {
      return await connection.sendRequest(ConfigFilesRequest, { roots });
    } catch (err) {
      connection.console.error(`Reading .runbookrc.json files failed: ${String(err)}`);
      return { files: [], repositoryRoots: [] };
    }
  },
  docsBase: () => undefined,
});
// After the host: a static import would run server.ts before installHost.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./server');
