/**
 * Activation: start the language client and register the commands and views. Activation happens
 * on a runbook document or on one of our commands only (package.json activationEvents).
 */
import * as vscode from 'vscode';
import { languageClient, startLanguageClient } from './languageClient';
import { registerChecklist } from './checklist';
import { registerReports } from './report';
import { offerRecordDiffs, recordDiffCommands } from './report/recordDiffs';
import { nodeStorage } from './checklist/storage/nodeStorage';
import { registerDocs } from './docs';
import { registerOnboarding } from './onboarding';

export function activate(context: vscode.ExtensionContext): void {
  startLanguageClient(context);
  registerReports(context, registerChecklist(context, nodeStorage()), {
    onShown: (record) => void offerRecordDiffs(record),
    commands: recordDiffCommands(context.extensionUri),
  });
  context.subscriptions.push(...registerDocs(context), ...registerOnboarding(context));
}

/** VS Code waits for this: the server gets its shutdown request before the host exits. */
export async function deactivate(): Promise<void> {
  await languageClient()?.stop();
}
