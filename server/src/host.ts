/**
 * What the LSP wiring (server.ts) needs from the place it runs in: the connection, team rule
 * packs, and a few Node-only niceties. The Node entry (nodeMain.ts) and the web worker entry
 * (browserMain.ts) each install a host, then import server.ts, which reads it once at load time.
 */
import type { Connection } from 'vscode-languageserver';
import type { ScenarioSnippet } from '../../core/service/features/completion';
import type { LoadedPacks } from './packTexts';
import type { CheckerThread } from './checkerThread';
import type { ProjectConfigs } from './projectConfig';
import type { ConfigTexts } from './configTexts';

export interface ServerHost {
  connection: Connection;
  /** Quiet time after the last keystroke before a check. */
  debounceMs: number;
  /** Team packs of these workspace folders; `openTexts` is unsaved editor text by document URI. */
  loadTeamPacks(
    rootUris: string[],
    builtinIds: string[],
    openTexts: ReadonlyMap<string, string>,
  ): LoadedPacks | Promise<LoadedPacks>;
  /** Scenario snippets for editors other than VS Code (none where there is no file system). */
  scenarioSnippets(): ScenarioSnippet[];
  /** Called after each check (the Node host trims its heap there). */
  afterCheck(): void;
  /** After each change of a document of `threadChars` or more (its old text is garbage); optional. */
  afterLargeChange?(): void;
  /** Documents from this size (characters) are checked on the checker thread, where there is one. */
  threadChars: number;
  /** Documents over this size get the syntax and schema checks and a notice, not the rules. */
  fullCheckChars: number;
  /** A thread for large documents (Node's worker_threads); none in a web worker. */
  createChecker(): CheckerThread | undefined;
  /** Config files and team packs walked up from each runbook on disk; none without a file system. */
  projectConfigs(): ProjectConfigs | undefined;
  /** Without a file system: the config files of these workspace folders, read elsewhere (the web client). */
  loadConfigTexts?(rootUris: string[]): Promise<ConfigTexts>;
  /** Where rule pages shipped with the extension are (a `file:` URL of the rules folder). */
  docsBase(): string | undefined;
}

let installed: ServerHost | undefined;

export function installHost(host: ServerHost): void {
  installed = host;
}

export function serverHost(): ServerHost {
  if (!installed) throw new Error('No server host installed: start the server from nodeMain.ts or browserMain.ts');
  return installed;
}
