/**
 * The checker thread: large runbooks are parsed, checked and asked about here, so that seconds of
 * work on one of them never hold up the main thread, which keeps answering requests about every
 * other document. It owns its own language service (the service is pure and cheap to create) and
 * the texts it was sent; messages are handled in order, so a call sees every text sent before it.
 */
import { parentPort } from 'node:worker_threads';
import { createLanguageService } from '../../core/service';
import { loadTeamPacks } from './teamPacks';
import { loadScenarioSnippets } from '../../node/snippets';
import { afterCheck } from '../../node/memoryGovernor';
import type { FromChecker, ToChecker } from './checkerProtocol';

const service = createLanguageService();
const texts = new Map<string, string>();

type Method = (uri: string, text: string, ...args: unknown[]) => unknown;

function call(method: string, uri: string, args: unknown[]): unknown {
  const text = texts.get(uri);
  if (text === undefined) throw new Error(`no text for ${uri}`);
  if (method === 'diagnostics') {
    const { diagnostics } = service.analyze(uri, text);
    // After the reply is posted: a full collection must not delay the diagnostics.
    setImmediate(afterCheck);
    return diagnostics;
  }
  const fn = (service as unknown as Record<string, Method>)[method];
  if (typeof fn !== 'function') throw new Error(`unknown method ${method}`);
  return fn(uri, text, ...args);
}

parentPort?.on('message', (m: ToChecker) => {
  switch (m.kind) {
    case 'configure': {
      const packs = loadTeamPacks(m.roots, m.builtinIds, new Map(m.openPacks));
      service.configure({
        severities: m.severities,
        extraRules: packs.rules,
        snippets: m.snippets ? loadScenarioSnippets() : undefined,
        fullCheckChars: m.fullCheckChars,
      });
      return;
    }
    case 'set':
      texts.set(m.uri, m.text);
      return;
    case 'forget':
      texts.delete(m.uri);
      service.forget(m.uri);
      return;
    case 'call': {
      let reply: FromChecker;
      try {
        reply = { id: m.id, result: call(m.method, m.uri, m.args) };
      } catch (e) {
        reply = { id: m.id, error: (e as Error).message };
      }
      parentPort!.postMessage(reply);
    }
  }
});
