/**
 * Activation: start the language client and register the commands and views. Activation happens
 * on a runbook document or on one of our commands only (package.json activationEvents).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startLanguageClient } from './languageClient';
import { registerChecklist } from './checklist';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  client = startLanguageClient(context);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  registerChecklist(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
