/** The Node host of the language server: packs and snippets from the disk, heap trimming. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { ServerHost } from './host';
import { loadTeamPacks } from './teamPacks';
import { loadScenarioSnippets } from '../../node/snippets';
import { afterCheck } from '../../node/memoryGovernor';

export function nodeHost(): ServerHost {
  const connection = createConnection(ProposedFeatures.all);
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));
  process.on('uncaughtException', (err) => connection.console.error(`Uncaught exception: ${err.stack ?? err.message}`));
  return {
    connection,
    debounceMs: Number(process.env.RUNBOOK_DEBOUNCE_MS ?? 15),
    loadTeamPacks,
    scenarioSnippets: loadScenarioSnippets,
    afterCheck,
  };
}
