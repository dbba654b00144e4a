/**
 * The workspace's runbooks and their run records, and the watchers that say when either changed
 * on disk (our own writes, another window, a git pull).
 */
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { RECORD_EXTENSION } from '../../../core/records/events';
import { DEFAULT_RUNS_FOLDER, listRecords, loadRecord, type LoadedRecord } from '../../../node/records';

export const RUNBOOK_GLOB = '**/*.runbook.{yaml,yml}';

export class RunLibrary implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** A record or a runbook file was created, changed or deleted (undefined: anything may have). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly cache = new Map<string, { mtime: number; size: number; record: LoadedRecord }>();

  constructor() {
    for (const glob of [`**/*${RECORD_EXTENSION}`, RUNBOOK_GLOB]) {
      const w = vscode.workspace.createFileSystemWatcher(glob);
      this.disposables.push(
        w,
        w.onDidCreate((u) => this.fire(u)),
        w.onDidChange((u) => this.fire(u)),
        w.onDidDelete((u) => this.fire(u)),
      );
    }
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbook.runsFolder')) this.fire(undefined);
      }),
    );
  }

  private fire(uri: vscode.Uri | undefined): void {
    if (uri) this.cache.delete(uri.fsPath);
    this.changed.fire(uri);
  }

  runsFolder(scope?: vscode.Uri): string {
    return vscode.workspace.getConfiguration('runbook', scope).get<string>('runsFolder')?.trim() || DEFAULT_RUNS_FOLDER;
  }

  async runbooks(): Promise<vscode.Uri[]> {
    const found = await vscode.workspace.findFiles(RUNBOOK_GLOB, '**/{node_modules,.git,out}/**');
    return found.sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
  }

  /** Record paths of a runbook, oldest first. Only runbooks in local folders have records. */
  records(runbook: vscode.Uri): string[] {
    if (runbook.scheme !== 'file') return [];
    return listRecords(runbook.fsPath, this.runsFolder(runbook));
  }

  /** Reads a record, re-using the last read while the file's time and size are the same. */
  load(file: string): LoadedRecord | undefined {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      this.cache.delete(file);
      return undefined;
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtime === stat.mtimeMs && hit.size === stat.size) return hit.record;
    try {
      const record = loadRecord(file);
      this.cache.set(file, { mtime: stat.mtimeMs, size: stat.size, record });
      return record;
    } catch {
      return undefined;
    }
  }

  /** Forgets what was read, after this process wrote a file. */
  invalidate(file: string): void {
    this.cache.delete(file);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
