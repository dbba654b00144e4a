/** Tells the language server which runbooks have runs, so its CodeLens offers "Open checklist". */
import { State } from 'vscode-languageclient';
import type * as vscode from 'vscode';
import { ChecklistStateNotification } from '../../../server/src/protocol';
import { languageClient } from '../clientRegistry';

export class ServerState implements vscode.Disposable {
  private last: string[] | undefined;
  private sent = '';
  private readonly subscription: vscode.Disposable | undefined;

  constructor() {
    // After a server (re)start, send the last known set again.
    this.subscription = languageClient()?.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        this.sent = '';
        this.flush();
      }
    });
  }

  /** Sends `runbooks` (document URIs) when the set changed. */
  update(runbooks: string[]): void {
    this.last = [...new Set(runbooks)].sort();
    this.flush();
  }

  private flush(): void {
    const client = languageClient();
    if (!client || !this.last || client.state !== State.Running) return;
    const key = this.last.join('\n');
    if (key === this.sent) return;
    this.sent = key;
    client.sendNotification(ChecklistStateNotification, { runbooksWithRuns: this.last }).catch(() => {
      this.sent = '';
    });
  }

  dispose(): void {
    this.subscription?.dispose();
  }
}
