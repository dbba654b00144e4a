/**
 * Run records through the editor's file system (`vscode.workspace.fs`), for the web build, where
 * there is no Node `fs`: written on any scheme whose provider is writable (`vscode-remote:`, a
 * writable `vscode-vfs:` branch, `file:` through the browser's file access).
 *
 * No lock: the editor's file system has no exclusive create and no rename-over, so the lock file
 * and atomic replace of node/records cannot be had. What keeps ticks instead: a record is an event
 * log whose fold does not depend on line order (core/records/serialize.ts writes the canonical,
 * sorted, de-duplicated text), so each write re-reads the file just before writing and writes the
 * union of what is there and what this writer adds. Another writer's event that lands between the
 * re-read and the write can still be lost (a window of one file write, not of a whole decision);
 * docs/web.md says so. A record that does not parse is never written.
 *
 * Written against {@link FileAccess} over URI strings, not `vscode`, so a unit test can run it
 * on a fake file system (test/unit/web/workspaceRecords.test.ts).
 */
import { decide, implicitBegin, type DecideContext, type RunRequest } from '../../../../core/records/commands';
import type { RunEvent, StartEvent } from '../../../../core/records/events';
import { foldRun } from '../../../../core/records/fold';
import { parseRecord } from '../../../../core/records/parse';
import { serializeRecord } from '../../../../core/records/serialize';
import { isRecordOf, recordName, sortRecordNames } from '../../../../core/records/recordNames';
import type { Applied, StoredRecord, UnreadableRecord } from './types';

/** The few calls of `vscode.workspace.fs` this needs, on URI strings. */
export interface FileAccess {
  /** Rejects when the file does not exist. */
  readFile(uri: string): Promise<Uint8Array>;
  writeFile(uri: string, data: Uint8Array): Promise<void>;
  /** Names of the files in a folder; rejects when the folder does not exist. */
  listFiles(dir: string): Promise<string[]>;
  exists(uri: string): Promise<boolean>;
  createDirectory(dir: string): Promise<void>;
}

export class RecordConflictError extends Error {}

class Unreadable extends Error implements UnreadableRecord {
  constructor(
    readonly file: string,
    readonly problems: StoredRecord['problems'],
  ) {
    super(
      `${file}:${problems[0]?.line ?? 1}: ${problems[0]?.message ?? 'cannot be read'} (the record is left as it is)`,
    );
  }
}

export function childUri(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
}

export function recordOfText(file: string, text: string): StoredRecord {
  const parsed = parseRecord(text);
  return { ...parsed, file, text, state: foldRun(parsed.events) };
}

type Step = { event: RunEvent } | Exclude<Applied, { event: RunEvent }>;

export class WorkspaceRecords {
  private readonly decoder = new TextDecoder();
  private readonly encoder = new TextEncoder();

  constructor(private readonly fs: FileAccess) {}

  /** Record URIs of the runbook with this stem in `runsDir`, oldest first; none when the folder is missing. */
  async list(runsDir: string, stem: string): Promise<string[]> {
    let names: string[];
    try {
      names = await this.fs.listFiles(runsDir);
    } catch {
      return [];
    }
    return sortRecordNames(names.filter((n) => isRecordOf(stem, n))).map((n) => childUri(runsDir, n));
  }

  async read(uri: string): Promise<StoredRecord> {
    return recordOfText(uri, this.decoder.decode(await this.fs.readFile(uri)));
  }

  /** Creates a record with its start event under the first free name; never replaces a file. */
  async create(runsDir: string, stem: string, start: StartEvent): Promise<string> {
    await this.fs.createDirectory(runsDir);
    for (let n = 1; n < 1000; n++) {
      const uri = childUri(runsDir, recordName(stem, start.at, n));
      if (await this.fs.exists(uri)) continue;
      await this.fs.writeFile(uri, this.encoder.encode(serializeRecord([start])));
      return uri;
    }
    throw new RecordConflictError(`${runsDir}: no free record name for ${stem} at ${start.at}`);
  }

  /**
   * Reads the record, lets `decide` turn its state into an event (or refuse), then re-reads the
   * file and writes the union of its events and the new one.
   */
  async update(uri: string, decideOn: (record: StoredRecord) => Step): Promise<Step> {
    const record = await this.readForUpdate(uri);
    const result = decideOn(record);
    if (!('event' in result)) return result;
    // What another writer added since the first read is kept: the fold is order-independent.
    const now = await this.readForUpdate(uri);
    const text = serializeRecord([...now.events, ...record.events, result.event]);
    await this.fs.writeFile(uri, this.encoder.encode(text));
    return result;
  }

  /** One operator request, as node/applyRequest.ts does it: an implied `begin` first, each decided on the file as it is then. */
  async apply(uri: string, context: (record: StoredRecord) => DecideContext, request: RunRequest): Promise<Applied> {
    let began: RunEvent | undefined;
    const first = await this.update(uri, (record) => {
      const ctx = context(record);
      const decision = decide(ctx, request);
      if (!decision.event) return decision.refusal;
      began = implicitBegin(ctx, request);
      return { event: began ?? decision.event };
    });
    if (!('event' in first)) return first;
    if (!began) return { event: first.event };
    const second = await this.update(uri, (record) => {
      const decision = decide(context(record), request);
      return decision.event ? { event: decision.event } : decision.refusal;
    });
    return 'event' in second ? { event: second.event, began: began as Extract<RunEvent, { event: 'begin' }> } : second;
  }

  private async readForUpdate(uri: string): Promise<StoredRecord> {
    const record = await this.read(uri);
    if (record.problems.length) throw new Unreadable(uri, record.problems);
    return record;
  }
}
