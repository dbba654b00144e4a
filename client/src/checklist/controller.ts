/**
 * The checklist's state in the extension host: which run each runbook shows, the model each page
 * gets, and every change an operator asks for (decided by core/records/commands.ts on the
 * freshest file, written through the storage seam: storage/types.ts, node/records on the desktop,
 * `vscode.workspace.fs` on the web).
 */
import * as vscode from 'vscode';
import { startEvent, startProblem, type Refusal } from '../../../core/records/commands';
import { textProblem } from '../../../core/records/validate';
import type { RunbookPlan } from '../../../core/records/plan';
import { PlanSource } from './planSource';
import { countProgress } from '../../../core/records/progress';
import { RunLibrary } from './library';
import { isUnreadableRecord, type RecordStorage, type StoredRecord } from './storage/types';
import { OpenRunIndex } from './openRuns';
import { buildModel } from './model';
import type { ChecklistAction, ChecklistModel, RunSummary } from './messages';
import { resolveOperator } from './operator';

export interface ActResult {
  ok: boolean;
  refusal?: Refusal;
}

/** Something that shows one runbook's checklist (the panel view, the editor-side panel). */
export interface ChecklistPage {
  readonly runbook: vscode.Uri | undefined;
  refresh(): void;
}

export interface ActiveRun {
  runbook: vscode.Uri;
  title: string;
  record: string;
  loaded: StoredRecord;
  done: number;
  skipped: number;
  total: number;
  remaining: number;
}

function label(record: StoredRecord): string {
  const s = record.state.start;
  if (!s) return `${record.file.split(/[\\/]/).pop()} (unreadable)`;
  const d = new Date(s.at);
  const when = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
  return `${when} — ${s.by}${s.rehearsal ? ' (rehearsal)' : ''}${record.state.finished ? ' (finished)' : ''}`;
}

export class ChecklistController implements vscode.Disposable {
  readonly library: RunLibrary;
  /** Plans and error counts from the language server (no second language service in this host). */
  private readonly plans = new PlanSource(() => this.refreshSoon());
  /** The run chosen per runbook (uri string → record path). */
  private readonly selection = new Map<string, string>();
  private readonly pages = new Set<ChecklistPage>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Runs or runbooks changed: the tree and the status bar refresh. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Texts of runbooks not open in an editor, where the storage cannot read them at once (web). */
  private readonly texts = new Map<string, string | undefined>();
  /** The page the operator used last: the status bar shows its run. */
  lastPage: ChecklistPage | undefined;
  /** Every open run of the workspace: the run switcher lists them, the status bar falls back on them. */
  readonly openRuns: OpenRunIndex;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly storage: RecordStorage,
  ) {
    this.library = new RunLibrary(storage);
    this.openRuns = new OpenRunIndex(this);
    this.disposables.push(this.library, this.openRuns);
    this.disposables.push(
      this.library.onDidChange((u) => {
        if (u && /\.runbook\.ya?ml$/.test(u.path)) this.texts.delete(u.toString());
        this.refreshSoon();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.shows(e.document.uri)) this.refreshSoon(250);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.plans.forget(d.uri.toString())),
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => this.shows(u))) this.refreshSoon();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refreshSoon(0)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('runbook')) this.refreshSoon();
      }),
    );
  }

  register(page: ChecklistPage): vscode.Disposable {
    this.pages.add(page);
    return {
      dispose: () => {
        this.pages.delete(page);
        if (this.lastPage === page) this.lastPage = undefined;
        this.changed.fire();
      },
    };
  }

  private shows(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return [...this.pages].some((p) => p.runbook?.toString() === key);
  }

  /** Refreshes every page, the tree and the status bar, once, `ms` from now. */
  refreshSoon(ms = 60): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      for (const p of this.pages) p.refresh();
      this.changed.fire();
    }, ms);
  }

  // ---- reading ----

  text(uri: vscode.Uri): string | undefined {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) return doc.getText();
    if (this.storage.now) return this.storage.now.readText(uri);
    const key = uri.toString();
    if (!this.texts.has(key)) {
      this.texts.set(key, undefined); // one read at a time
      void this.readText(uri).then((text) => {
        this.texts.set(key, text);
        if (text !== undefined) this.refreshSoon();
      });
    }
    return this.texts.get(key);
  }

  /** The runbook's text now: the editor's, else the file's. */
  async readText(uri: vscode.Uri): Promise<string | undefined> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) return doc.getText();
    if (this.storage.now) return this.storage.now.readText(uri);
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  /** The file of a record id (a path on the desktop, a URI string on the web). */
  recordUri(id: string): vscode.Uri {
    return this.storage.uriOf(id);
  }

  /** The plan the server last sent for this runbook (refreshing when the text changed since). */
  plan(uri: vscode.Uri): { plan: RunbookPlan; text: string; errorCount: number } | undefined {
    const text = this.text(uri);
    if (text === undefined) return undefined;
    return this.plans.get(uri.toString(), text);
  }

  /** The plan of the runbook exactly as it is now: for decisions that write the record. */
  async freshPlan(uri: vscode.Uri) {
    const text = await this.readText(uri);
    return text === undefined ? undefined : this.plans.fresh(uri.toString(), text);
  }

  /** Errors in the runbook now: the published diagnostics of an open file, else the server's count with the plan. */
  errorCount(uri: vscode.Uri, counted: number): number {
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    if (open) {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (diagnostics.length) return diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    }
    return counted;
  }

  /** The run a runbook shows: the chosen one, else the latest unfinished, else the latest. */
  currentRecord(uri: vscode.Uri): string | undefined {
    const records = this.library.records(uri);
    const chosen = this.selection.get(uri.toString());
    if (chosen && records.includes(chosen)) return chosen;
    for (let i = records.length - 1; i >= 0; i--) {
      const r = this.library.load(records[i]);
      if (r && !r.problems.length && !r.state.finished) return records[i];
    }
    return records[records.length - 1];
  }

  select(uri: vscode.Uri, record: string): void {
    if (!this.library.records(uri).includes(record)) return;
    this.selection.set(uri.toString(), record);
    this.refreshSoon(0);
  }

  model(uri: vscode.Uri): ChecklistModel | undefined {
    this.seen.add(uri.toString());
    const planned = this.plan(uri);
    if (!planned) return undefined;
    const records = this.library.records(uri);
    const runs: RunSummary[] = records
      .map((file) => {
        const r = this.library.load(file);
        return {
          id: file,
          label: r ? label(r) : file,
          finished: !!r?.state.finished,
          rehearsal: !!r?.state.start?.rehearsal,
        };
      })
      .reverse();
    const current = this.currentRecord(uri);
    const loaded = current ? this.library.load(current) : undefined;
    return buildModel({
      runbookUri: uri.toString(),
      runbookPath: vscode.workspace.asRelativePath(uri, false),
      plan: planned.plan,
      errorCount: this.errorCount(uri, planned.errorCount),
      trusted: vscode.workspace.isTrusted,
      readOnlyReason: this.storage.readOnlyReason(uri),
      runs,
      record:
        current && loaded
          ? {
              id: current,
              path: vscode.workspace.asRelativePath(this.recordUri(current), false),
              state: loaded.state,
              problems: loaded.problems,
            }
          : undefined,
    });
  }

  /** Runbooks shown or started in this session: an open run of any of them keeps the status bar. */
  private readonly seen = new Set<string>();

  /**
   * The run the status bar shows: the one the operator used last, else the active editor's, else
   * any other unfinished run (seen in this session, then anywhere in the workspace). A finished run
   * is not shown: the item stays while a run is open, and goes with the last one.
   */
  activeRun(): ActiveRun | undefined {
    const editor = vscode.window.activeTextEditor?.document;
    const first = [this.lastPage?.runbook, editor?.languageId === 'runbook' ? editor.uri : undefined];
    const candidates = [
      ...first.filter((u): u is vscode.Uri => !!u),
      ...[...this.seen].map((u) => vscode.Uri.parse(u)),
    ];
    for (const runbook of candidates) {
      const run = this.runOf(runbook);
      if (run && !run.loaded.state.finished) return run;
    }
    for (const open of this.openRuns.list()) {
      const run = this.runOf(vscode.Uri.parse(open.runbook));
      if (run && !run.loaded.state.finished) return run;
    }
    return undefined;
  }

  /** The runbook's current run is started, readable and not finished. */
  hasOpenRun(runbook: vscode.Uri): boolean {
    const run = this.runOf(runbook);
    return !!run && !run.loaded.state.finished;
  }

  private runOf(runbook: vscode.Uri): ActiveRun | undefined {
    const record = this.currentRecord(runbook);
    const loaded = record ? this.library.load(record) : undefined;
    if (!record || !loaded?.state.start || loaded.problems.length) return undefined;
    const planned = this.plan(runbook);
    const ids = planned ? [...planned.plan.byId.keys()] : loaded.state.start.steps.map(([id]) => id);
    const counts = countProgress(loaded.state, ids);
    return {
      runbook,
      record,
      loaded,
      title: planned?.plan.title ?? loaded.state.start.title ?? vscode.workspace.asRelativePath(runbook),
      done: counts.done,
      skipped: counts.skipped,
      total: counts.total,
      remaining: counts.remaining,
    };
  }

  // ---- writing ----

  private writableReason(uri: vscode.Uri): string | undefined {
    if (!vscode.workspace.isTrusted) return 'This workspace is not trusted: the checklist is read-only.';
    return this.storage.readOnlyReason(uri);
  }

  /**
   * A real run of a runbook with errors starts only with a reason (the page asks for it; from the
   * command palette an input box does), kept in the start event. Rehearsals start freely.
   */
  private async startReason(uri: vscode.Uri, counted: number, rehearsal: boolean, given?: string) {
    const errors = rehearsal ? 0 : this.errorCount(uri, counted);
    if (!errors) return { errors: 0 };
    let reason = given;
    if (!reason?.trim()) {
      reason = await vscode.window.showInputBox({
        title: `${vscode.workspace.asRelativePath(uri)} has ${errors === 1 ? '1 error' : `${errors} errors`}`,
        prompt:
          'Why must the real run start anyway? The reason is recorded in the run. (Or cancel and start a rehearsal.)',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? textProblem(v.trim(), 'The reason') : 'A reason is required.'),
      });
      if (reason === undefined) return undefined;
    }
    const problem = startProblem({ errors, rehearsal, reason });
    if (problem) {
      void vscode.window.showWarningMessage(problem);
      return undefined;
    }
    return { errors, reason: reason.trim() };
  }

  async start(uri: vscode.Uri, rehearsal: boolean, givenReason?: string): Promise<string | undefined> {
    const why = this.writableReason(uri);
    if (why) {
      void vscode.window.showWarningMessage(why);
      return undefined;
    }
    const planned = await this.freshPlan(uri);
    if (!planned) {
      void vscode.window.showErrorMessage(
        `Cannot read ${vscode.workspace.asRelativePath(uri)}, or the language server did not answer.`,
      );
      return undefined;
    }
    if (!planned.plan.byId.size) {
      void vscode.window.showWarningMessage('This runbook has no step with an id: there is nothing to run.');
      return undefined;
    }
    const confirmed = await this.startReason(uri, planned.errorCount, rehearsal, givenReason);
    if (!confirmed) return undefined;
    const by = await resolveOperator(this.context, uri, this.storage.suggestedOperator);
    if (!by) return undefined;
    const now = new Date().toISOString();
    let file: string;
    try {
      file = await this.storage.create(uri, this.library.runsFolder(uri), now, (runbookPath) =>
        startEvent(planned.plan, runbookPath, { now, by, rehearsal, ...confirmed }),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not start the run: ${(e as Error).message}`);
      return undefined;
    }
    this.library.invalidate(file);
    this.selection.set(uri.toString(), file);
    this.refreshSoon(0);
    void this.storage.afterStart?.(file);
    return file;
  }

  async act(uri: vscode.Uri, action: ChecklistAction): Promise<ActResult> {
    const why = this.writableReason(uri);
    if (why) return { ok: false, refusal: { code: 'invalid', message: why } };
    const record = this.currentRecord(uri);
    if (!record) return { ok: false, refusal: { code: 'invalid', message: 'Start a run first.' } };
    const by = await resolveOperator(this.context, uri, this.storage.suggestedOperator);
    if (!by) return { ok: false, refusal: { code: 'invalid', message: 'A name is needed to write the run record.' } };
    const plan = (await this.freshPlan(uri))?.plan;
    try {
      const result = await this.storage.apply(
        record,
        (loaded) => ({ plan, state: loaded.state, now: new Date().toISOString(), by }),
        action,
      );
      this.library.invalidate(record);
      this.refreshSoon(0);
      return 'event' in result ? { ok: true } : { ok: false, refusal: result };
    } catch (e) {
      this.library.invalidate(record);
      this.refreshSoon(0);
      const message = isUnreadableRecord(e)
        ? `The run record cannot be read (line ${e.problems[0]?.line}: ${e.problems[0]?.message}); nothing was written.`
        : `Could not write the run record: ${(e as Error).message}`;
      return { ok: false, refusal: { code: 'invalid', message } };
    }
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.disposables.forEach((d) => d.dispose());
  }
}
