/**
 * The workspace's runbooks and their run records, and the watchers that say when either changed
 * (our own writes, another window, a git pull). Records are read through the storage seam
 * (storage/types.ts); where it cannot answer at once (the editor's file system on the web), the
 * last answer is kept and a fresh one fires `onDidChange` when it arrives.
 */
import * as vscode from 'vscode';
import { RECORD_EXTENSION } from '../../../core/records/events';
import type { RecordStorage, StoredRecord } from './storage/types';

export const RUNBOOK_GLOB = '**/*.runbook.{yaml,yml}';
/** Where records go unless `runbook.runsFolder` says otherwise (node/records/paths.ts has the same). */
export const DEFAULT_RUNS_FOLDER = 'runs';

export class RunLibrary implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** A record or a runbook file was created, changed or deleted (undefined: anything may have). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Answers kept for a storage that cannot answer at once: record lists by runbook, records by id. */
  private readonly lists = new Map<string, string[]>();
  private readonly loaded = new Map<string, StoredRecord | undefined>();
  private readonly reading = new Set<string>();

  constructor(readonly storage: RecordStorage) {
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
    if (uri) {
      const id = this.storage.idOf(uri);
      if (id) this.invalidate(id);
      // A record created or deleted changes its runbook's list: lists are cheap, forget them all.
      this.lists.clear();
    } else {
      this.lists.clear();
      this.loaded.clear();
    }
    this.changed.fire(uri);
  }

  runsFolder(scope?: vscode.Uri): string {
    return vscode.workspace.getConfiguration('runbook', scope).get<string>('runsFolder')?.trim() || DEFAULT_RUNS_FOLDER;
  }

  async runbooks(): Promise<vscode.Uri[]> {
    const found = await vscode.workspace.findFiles(RUNBOOK_GLOB, '**/{node_modules,.git,out}/**');
    return found.sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
  }

  /** Record ids of a runbook, oldest first. */
  records(runbook: vscode.Uri): string[] {
    const folder = this.runsFolder(runbook);
    if (this.storage.now) return this.storage.now.list(runbook, folder);
    const key = `${runbook.toString()}\n${folder}`;
    const known = this.lists.get(key);
    if (!known)
      this.readLater(
        `list:${key}`,
        runbook,
        () => this.storage.list(runbook, folder),
        (l) => this.lists.set(key, l),
      );
    return known ?? [];
  }

  /** A record as last read (undefined when it cannot be read, or on the web until the first read arrived). */
  load(id: string): StoredRecord | undefined {
    if (this.storage.now) return this.storage.now.load(id);
    if (!this.loaded.has(id))
      this.readLater(
        `read:${id}`,
        this.storage.uriOf(id),
        () => this.storage.read(id).catch(() => undefined),
        (r) => this.loaded.set(id, r),
      );
    return this.loaded.get(id);
  }

  /** Reads a record now, through the storage. */
  async loadNow(id: string): Promise<StoredRecord | undefined> {
    if (this.storage.now) return this.storage.now.load(id);
    const record = await this.storage.read(id).catch(() => undefined);
    this.loaded.set(id, record);
    return record;
  }

  /** Forgets what was read, after this window wrote a file. */
  invalidate(id: string): void {
    this.storage.now?.forget(id);
    this.loaded.delete(id);
    this.lists.clear();
  }

  /** One read at a time per key; its answer is kept and announced like a change on disk. */
  private readLater<T>(key: string, uri: vscode.Uri, read: () => Promise<T>, keep: (value: T) => void): void {
    if (this.reading.has(key)) return;
    this.reading.add(key);
    void read()
      .then(keep, () => undefined)
      .finally(() => {
        this.reading.delete(key);
        this.changed.fire(uri);
      });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
