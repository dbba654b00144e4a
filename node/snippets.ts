/**
 * Scenario snippets for LSP clients other than VS Code (VS Code reads snippets/runbook.json from
 * the extension manifest itself, so its client turns these off to avoid showing them twice).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioSnippet } from '../core/service/features/completion';

/** The bundled server lives in out/; the snippets file sits beside it in the package. */
export function loadScenarioSnippets(root = join(__dirname, '..')): ScenarioSnippet[] {
  const file = join(root, 'snippets', 'runbook.json');
  if (!existsSync(file)) return [];
  try {
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ScenarioSnippet>;
    return Object.values(all).filter((s) => typeof s.prefix === 'string' && s.prefix.startsWith('runbook-'));
  } catch {
    return []; // a damaged file must not stop the server: completion just has no snippets
  }
}
