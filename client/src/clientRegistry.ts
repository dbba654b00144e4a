/**
 * The language client started last, for the checklist (plans, which runbooks have runs). Kept apart
 * from languageClient.ts, which imports the Node client, so the web build shares the checklist.
 */
import type { BaseLanguageClient } from 'vscode-languageclient';

let current: BaseLanguageClient | undefined;

export function languageClient(): BaseLanguageClient | undefined {
  return current;
}

export function setLanguageClient(client: BaseLanguageClient): void {
  current = client;
}
