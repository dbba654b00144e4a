/** Starts the bundled language server (out/server.js) over IPC for `runbook` documents. */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions } from './clientOptions';
import { readTeamPackFiles } from './teamPackFiles';
import { TeamPackFilesRequest } from '../../server/src/protocol';
import { withPreviewLinks } from './docs';

import { setLanguageClient } from './clientRegistry';

export { languageClient } from './clientRegistry';

export function startLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'out', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const options = clientOptions(context);
  // "What this check looks for" opens the rule's page shipped in the extension, as a preview.
  options.middleware = {
    ...options.middleware,
    provideHover: async (document, position, token, next) => withPreviewLinks(await next(document, position, token)),
  };
  const client = new LanguageClient('runbook', 'Runbook Language Server', serverOptions, options);
  // Team packs of virtual workspace folders (no disk path for the server to read).
  client.onRequest(TeamPackFilesRequest, (p) => readTeamPackFiles(p.roots));
  setLanguageClient(client);
  void client.start();
  return client;
}
