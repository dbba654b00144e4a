/**
 * The Node host of the language server: packs and snippets from the disk, heap trimming. Packs
 * of workspace folders that are not on the disk (a virtual workspace in desktop VS Code, such as
 * a GitHub repository opened without cloning) are asked of the client, as the web server does.
 */
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import type { ServerHost } from './host';
import { loadTeamPacks } from './teamPacks';
import { packsFromTexts, type LoadedPacks } from './packTexts';
import { TeamPackFilesRequest } from './protocol';
import { loadScenarioSnippets } from '../../node/snippets';
import { afterCheck, afterLargeChange } from '../../node/memoryGovernor';
import { saveCodeCache } from '../../node/codeCache';
import { CheckerThread } from './checkerThread';
import { ProjectConfigs } from './projectConfig';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsFolder } from '../../node/docs';

export function nodeHost(): ServerHost {
  const connection = createConnection(ProposedFeatures.all);
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
  process.on('uncaughtException', (err) => connection.console.error(`Uncaught exception: ${err.stack ?? err.message}`));
  return {
    connection,
    debounceMs: Number(process.env.RUNBOOK_DEBOUNCE_MS ?? 15),
    loadTeamPacks: (roots, builtinIds, openTexts) => loadAllPacks(connection, roots, builtinIds, openTexts),
    scenarioSnippets: loadScenarioSnippets,
    afterCheck: () => {
      afterCheck();
      // The first check has compiled the parser, the validators and the rules: cache them.
      saveCodeCache();
    },
    afterLargeChange,
    threadChars: Number(process.env.RUNBOOK_THREAD_CHARS ?? 512 * 1024),
    fullCheckChars: Number(process.env.RUNBOOK_FULL_CHECK_CHARS ?? 4_000_000),
    createChecker: () => new CheckerThread(),
    projectConfigs: () => new ProjectConfigs(),
    docsBase: () => {
      // The rule pages shipped beside the server (out/../docs), so links open without a network.
      const docs = docsFolder(__dirname);
      return docs ? pathToFileURL(join(docs, 'rules')).href : undefined;
    },
  };
}

async function loadAllPacks(
  connection: Connection,
  roots: string[],
  builtinIds: string[],
  openTexts: ReadonlyMap<string, string>,
): Promise<LoadedPacks> {
  const onDisk = loadTeamPacks(roots, builtinIds, openTexts);
  const virtual = roots.filter((r) => !r.startsWith('file:'));
  if (!virtual.length) return onDisk;
  let files: { uri: string; text: string }[] = [];
  try {
    files = await connection.sendRequest(TeamPackFilesRequest, { roots: virtual });
  } catch {
    // An editor other than VS Code does not answer: its virtual folders have no packs.
  }
  const more = packsFromTexts(
    files.map((f) => ({ uri: f.uri, text: openTexts.get(f.uri) ?? f.text })),
    [...builtinIds, ...onDisk.rules.map((r) => r.id)],
  );
  return {
    rules: [...onDisk.rules, ...more.rules],
    diagnostics: new Map([...onDisk.diagnostics, ...more.diagnostics]),
  };
}
