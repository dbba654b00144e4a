/**
 * The checklist's storage seam: where run records of a runbook are listed, read, created and
 * changed. The checklist (controller.ts, library.ts) and the report view speak only to this;
 * two implementations stand behind it:
 * - nodeStorage.ts, the desktop and remote extension host: node/records (a lock file per record,
 *   an atomic write with fsync, git for the operator's name and the union-merge offer);
 * - workspaceStorage.ts, the web worker extension host (vscode.dev, github.dev): the editor's
 *   `vscode.workspace.fs`, no lock (see workspaceRecords.ts for what it does instead).
 *
 * A record is named by an id string: its file path in Node, its URI string on the web. `uriOf`
 * and `idOf` convert, so every other module stays the same in both hosts.
 */
import type * as vscode from 'vscode';
import type { DecideContext, Refusal, RunRequest } from '../../../../core/records/commands';
import type { BeginEvent, RunEvent, StartEvent } from '../../../../core/records/events';
import type { RunState } from '../../../../core/records/fold';
import type { ParsedRecord, RecordProblem } from '../../../../core/records/parse';

/** A record as read: its events, problems (with line numbers) and folded state. */
export interface StoredRecord extends ParsedRecord {
  /** The record's id (see above). */
  file: string;
  text: string;
  state: RunState;
}

/** What an operator's request did: the event written (and the `begin` it implied), or why not. */
export type Applied = { event: RunEvent; began?: BeginEvent } | Refusal;

export interface RecordStorage {
  /** Why runs of this runbook cannot be written here (said in the checklist), or undefined. */
  readOnlyReason(runbook: vscode.Uri): string | undefined;
  uriOf(id: string): vscode.Uri;
  /** The id of a record file, or undefined where this storage cannot reach it. */
  idOf(uri: vscode.Uri): string | undefined;
  /** A runbook's records, oldest first (names sort by start time). */
  list(runbook: vscode.Uri, runsFolder: string): Promise<string[]>;
  /** Throws when the file cannot be read; a record that does not parse comes back with its problems. */
  read(id: string): Promise<StoredRecord>;
  /** Creates a record holding only its start event (`start` gets the runbook's path as the record names it). */
  create(
    runbook: vscode.Uri,
    runsFolder: string,
    startedAt: string,
    start: (runbookPath: string) => StartEvent,
  ): Promise<string>;
  /** Decides the request on the freshest record and writes its event; throws {@link UnreadableRecord} for a record that does not parse. */
  apply(id: string, context: (record: StoredRecord) => DecideContext, request: RunRequest): Promise<Applied>;
  /** A name for the operator from the host's tools (git's user.name in Node); none on the web. */
  suggestedOperator?(runbook: vscode.Uri): Promise<string | undefined>;
  /** After a run started (Node offers the `merge=union` line for .gitattributes). */
  afterStart?(id: string): Promise<void>;
  /** Answers without waiting, where the host can (Node's file system); else the library caches. */
  readonly now?: {
    list(runbook: vscode.Uri, runsFolder: string): string[];
    load(id: string): StoredRecord | undefined;
    forget(id: string): void;
    /** A runbook's text from its file. */
    readText(runbook: vscode.Uri): string | undefined;
  };
}

/** What a storage throws for a record that does not parse: it is never written. */
export interface UnreadableRecord {
  problems: RecordProblem[];
}

export function isUnreadableRecord(e: unknown): e is UnreadableRecord {
  return !!e && typeof e === 'object' && Array.isArray((e as { problems?: unknown }).problems);
}
