/**
 * Run records through the editor's file system (the web build's checklist storage), on a fake
 * file system: names, listing, the re-read + merge before each write that stands in for the lock
 * the editor's file system cannot give, and a record that does not parse is never written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkspaceRecords, type FileAccess } from '../../../client/src/checklist/storage/workspaceRecords';
import { isUnreadableRecord } from '../../../client/src/checklist/storage/types';
import type { DecideContext } from '../../../core/records/commands';
import type { StartEvent } from '../../../core/records/events';
import { planOf, start, T } from '../records/helpers';

const RUNS = 'vscode-vfs://github/org/repo/db/runs';

/** A folder tree in memory; `beforeRead` lets a test act as a second writer between two reads. */
class FakeFs implements FileAccess {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>();
  reads = 0;
  writes = 0;
  beforeRead?: (uri: string, n: number) => void;

  async readFile(uri: string): Promise<Uint8Array> {
    this.beforeRead?.(uri, ++this.reads);
    const text = this.files.get(uri);
    if (text === undefined) throw new Error(`ENOENT ${uri}`);
    return new TextEncoder().encode(text);
  }
  async writeFile(uri: string, data: Uint8Array): Promise<void> {
    this.writes++;
    this.files.set(uri, new TextDecoder().decode(data));
  }
  async listFiles(dir: string): Promise<string[]> {
    if (!this.dirs.has(dir)) throw new Error(`ENOENT ${dir}`);
    return [...this.files.keys()]
      .filter((f) => f.startsWith(`${dir}/`))
      .map((f) => decodeURIComponent(f.slice(dir.length + 1)));
  }
  async exists(uri: string): Promise<boolean> {
    return this.files.has(uri) || this.dirs.has(uri);
  }
  async createDirectory(dir: string): Promise<void> {
    this.dirs.add(dir);
  }
}

const context =
  (by: string, at = T(60)) =>
  (record: { state: DecideContext['state'] }): DecideContext => ({ plan: planOf(), state: record.state, now: at, by });

async function started(fs = new FakeFs()) {
  const records = new WorkspaceRecords(fs);
  const uri = await records.create(RUNS, 'restore', start() as StartEvent);
  return { fs, records, uri };
}

test('a run is created under the runbook stem and start time; a second start in the same second gets -2', async () => {
  const { records, uri } = await started();
  assert.equal(uri, `${RUNS}/restore.20261125T090000Z.runbook-run`);
  const second = await records.create(RUNS, 'restore', start() as StartEvent);
  assert.equal(second, `${RUNS}/restore.20261125T090000Z-2.runbook-run`);
  const read = await records.read(uri);
  assert.deepEqual(read.problems, []);
  assert.equal(read.state.start?.by, 'Alice');
});

test("the list holds this runbook's records oldest first, not another runbook's nor stray files", async () => {
  const fs = new FakeFs();
  fs.dirs.add(RUNS);
  for (const name of [
    'restore.20261125T100000Z.runbook-run',
    'restore.20261125T090000Z-2.runbook-run',
    'restore.20261125T090000Z.runbook-run',
    'restore-old.20261125T080000Z.runbook-run',
    'restore.notes.runbook-run',
    'restore.20261125T070000Z.runbook-run.bak',
  ])
    fs.files.set(`${RUNS}/${name}`, '');
  const list = await new WorkspaceRecords(fs).list(RUNS, 'restore');
  assert.deepEqual(
    list.map((u) => u.slice(RUNS.length + 1)),
    [
      'restore.20261125T090000Z.runbook-run',
      'restore.20261125T090000Z-2.runbook-run',
      'restore.20261125T100000Z.runbook-run',
    ],
  );
  assert.deepEqual(await new WorkspaceRecords(fs).list(`${RUNS}-missing`, 'restore'), []);
});

test('a tick is decided on the record and written with the operator and time', async () => {
  const { fs, records, uri } = await started();
  const result = await records.apply(uri, context('Bob'), { kind: 'tick', step: 'confirm-backup' });
  assert.ok('event' in result, JSON.stringify(result));
  const lines = fs.files
    .get(uri)!
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(lines[1], { at: T(60), by: 'Bob', event: 'done', step: 'confirm-backup' });
});

test("another writer's tick that lands between the decision and the write is kept (re-read + merge)", async () => {
  const { fs, records, uri } = await started();
  // The second read of this update is the re-read just before the write: another window ticks first.
  fs.beforeRead = (file, n) => {
    if (n !== 2) return;
    fs.files.set(
      file,
      fs.files.get(file)! + JSON.stringify({ at: T(30), by: 'Carol', event: 'done', step: 'dismount-store' }) + '\n',
    );
  };
  const result = await records.apply(uri, context('Bob'), { kind: 'tick', step: 'confirm-backup' });
  assert.ok('event' in result);
  const state = (await records.read(uri)).state;
  assert.equal(state.steps.get('confirm-backup')?.status, 'done');
  assert.equal(state.steps.get('dismount-store')?.status, 'done', "Carol's tick was lost");
  // Canonical order (by time), whatever order the lines were merged in.
  const events = fs.files
    .get(uri)!
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).event);
  assert.deepEqual(events, ['start', 'done', 'done']);
});

test('a refused request writes nothing', async () => {
  const { fs, records, uri } = await started();
  const writes = fs.writes;
  const result = await records.apply(uri, context('Bob'), { kind: 'tick', step: 'no-such-step' });
  assert.ok(!('event' in result));
  assert.equal(result.code, 'unknown-step');
  assert.equal(fs.writes, writes);
});

test('a record that does not parse is never written, and says which line', async () => {
  const { fs, records, uri } = await started();
  const broken = fs.files.get(uri)! + '{"at": "yesterday"\n';
  fs.files.set(uri, broken);
  await assert.rejects(
    records.apply(uri, context('Bob'), { kind: 'tick', step: 'confirm-backup' }),
    (e: unknown) => isUnreadableRecord(e) && e.problems[0].line === 2,
  );
  assert.equal(fs.files.get(uri), broken);
});

test('a record broken by another writer after the decision is not overwritten', async () => {
  const { fs, records, uri } = await started();
  let broken = '';
  fs.beforeRead = (file, n) => {
    if (n !== 2) return;
    broken = fs.files.get(file)! + 'not json\n';
    fs.files.set(file, broken);
  };
  await assert.rejects(records.apply(uri, context('Bob'), { kind: 'tick', step: 'confirm-backup' }));
  assert.equal(fs.files.get(uri), broken);
});

test('a first note on a step writes its begin, then the note, each decided again', async () => {
  const { fs, records, uri } = await started();
  const result = await records.apply(uri, context('Bob'), {
    kind: 'note',
    step: 'dismount-store',
    note: 'help desk told',
  });
  assert.ok('event' in result && result.began, JSON.stringify(result));
  const events = fs.files
    .get(uri)!
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).event);
  assert.deepEqual(events, ['start', 'begin', 'note']);
});
