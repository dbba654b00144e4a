/**
 * The checklist page in a webview: the side-panel view (a WebviewView) and the editor-side panel
 * (a WebviewPanel in ViewColumn.Beside, with createOrShow/revive as in the webview-sample). Both
 * load the same page under a strict CSP and talk to it only through client/src/checklist/messages.ts.
 */
import * as vscode from 'vscode';
import { setPanelIcon } from '../compat';
import type { ChecklistController, ChecklistPage } from './controller';
import { checklistHtml, nonce } from './html';
import type { ChecklistAction, HostMessage, PageMessage, PageState } from './messages';
import { findOpenRun, followEditor } from './switcher';

export const VIEW_ID = 'runbook.checklist';
export const PANEL_TYPE = 'runbook.checklistPanel';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return checklistHtml({
    cspSource: webview.cspSource,
    nonce: nonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'out', 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'checklist.css')).toString(),
  });
}

const ACTION_KINDS = new Set(['tick', 'undo', 'skip', 'note', 'finish', 'reopen', 'begin', 'signoff']);
const isText = (v: unknown): v is string => typeof v === 'string';
const optText = (v: unknown) => v === undefined || isText(v);

/** The page runs runbook data: check the shape of what it sends before acting on it. */
function validAction(a: unknown): a is ChecklistAction {
  if (!a || typeof a !== 'object') return false;
  const o = a as Record<string, unknown>;
  if (!isText(o.kind) || !ACTION_KINDS.has(o.kind)) return false;
  if (!optText(o.step) || !optText(o.note) || !optText(o.reason) || !optText(o.override)) return false;
  if (
    o.evidence !== undefined &&
    (typeof o.evidence !== 'object' || o.evidence === null || Object.values(o.evidence).some((v) => !isText(v)))
  )
    return false;
  return true;
}

/** One webview showing one runbook's checklist. */
export class PageHost implements ChecklistPage, vscode.Disposable {
  runbook: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private pendingFocus: string | undefined;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly controller: ChecklistController,
    extensionUri: vscode.Uri,
    runbook: vscode.Uri | undefined,
    /** The switcher chose another runbook's run: the owner re-targets (and keeps its pin). */
    private readonly switchTo: (runbook: vscode.Uri) => void = (uri) => this.show(uri),
  ) {
    this.runbook = runbook;
    // Html before options: setting options first makes the editor render the still-empty default
    // document, which it reports as a webview without a Content Security Policy.
    webview.html = pageHtml(webview, extensionUri);
    webview.options = webviewOptions(extensionUri);
    this.disposables.push(
      webview.onDidReceiveMessage((m: PageMessage) => void this.onMessage(m)),
      controller.register(this),
    );
  }

  show(runbook: vscode.Uri | undefined, focusStep?: string): void {
    this.runbook = runbook;
    this.pendingFocus = focusStep;
    this.controller.lastPage = this;
    this.refresh();
  }

  refresh(): void {
    if (!this.ready) return;
    const model = this.runbook ? this.controller.model(this.runbook) : undefined;
    void this.post({
      type: 'model',
      model: model ?? null,
      empty: this.runbook
        ? `Cannot read ${vscode.workspace.asRelativePath(this.runbook)}.`
        : 'Open a runbook (*.runbook.yaml) to see its checklist.',
      openRuns: this.controller.openRuns.list(this.runbook ? [this.runbook] : []),
    });
    if (this.pendingFocus && model) {
      void this.post({ type: 'focus', step: this.pendingFocus });
      this.pendingFocus = undefined;
    }
  }

  private post(m: HostMessage): Thenable<boolean> {
    return this.webview.postMessage(m);
  }

  private async onMessage(m: PageMessage): Promise<void> {
    if (!m || typeof m !== 'object') return;
    this.controller.lastPage = this;
    const runbook = this.runbook;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.refresh();
        return;
      case 'start':
        if (runbook)
          await this.controller.start(runbook, m.rehearsal === true, isText(m.reason) ? m.reason : undefined);
        return;
      case 'act': {
        if (!runbook || typeof m.request !== 'number' || !validAction(m.action)) return;
        const result = await this.controller.act(runbook, m.action);
        void this.post(
          result.ok
            ? { type: 'accepted', request: m.request }
            : { type: 'refused', request: m.request, ...result.refusal! },
        );
        return;
      }
      case 'selectRun':
        if (runbook && isText(m.run)) this.controller.select(runbook, m.run);
        return;
      case 'switchRun': {
        // Only a run the switcher offers now: the page's message is not trusted to name a file.
        const chosen = findOpenRun(this.controller.openRuns.list(runbook ? [runbook] : []), m.runbook, m.run);
        if (!chosen) return;
        const target = vscode.Uri.parse(chosen.runbook, true);
        this.controller.select(target, chosen.record);
        this.switchTo(target);
        return;
      }
      case 'reveal':
        if (runbook && isText(m.step)) await revealStep(this.controller, runbook, m.step);
        return;
      case 'openRecord': {
        const record = runbook ? this.controller.currentRecord(runbook) : undefined;
        if (record) await vscode.window.showTextDocument(this.controller.recordUri(record), { preview: true });
        return;
      }
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Opens the runbook and puts the cursor on a step (by id, or `#n`). */
export async function revealStep(controller: ChecklistController, runbook: vscode.Uri, key: string): Promise<void> {
  const step = controller.plan(runbook)?.plan.steps.find((s) => s.key === key || s.id === key);
  const doc = await vscode.workspace.openTextDocument(runbook);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === runbook.toString());
  const pos = doc.positionAt(step?.offset ?? 0);
  await vscode.window.showTextDocument(doc, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(pos, pos),
    preserveFocus: false,
  });
}

/** The checklist in the panel (or wherever the user moved the view); it follows the active runbook. */
export class ChecklistViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private host: PageHost | undefined;
  private view: vscode.WebviewView | undefined;
  private target: vscode.Uri | undefined;
  private focus: string | undefined;

  constructor(
    private readonly controller: ChecklistController,
    private readonly extensionUri: vscode.Uri,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const saved = this.target ?? activeRunbook();
    this.host = new PageHost(view.webview, this.controller, this.extensionUri, saved, (uri) => void this.show(uri));
    this.host.show(saved, this.focus);
    this.focus = undefined;
    view.onDidDispose(() => {
      this.host?.dispose();
      this.host = undefined;
      this.view = undefined;
    });
    view.onDidChangeVisibility(() => {
      if (view.visible) {
        this.controller.lastPage = this.host;
        this.host?.refresh();
      }
    });
  }

  /** Shows `runbook` (revealing the view) and optionally selects a step. */
  async show(runbook: vscode.Uri, focusStep?: string): Promise<void> {
    this.target = runbook;
    if (this.host) this.host.show(runbook, focusStep);
    else this.focus = focusStep;
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  /**
   * The active editor changed: follow it when it is a runbook, unless the view shows an open
   * (unfinished) run: then it stays pinned to that run, and the operator switches with the Runbooks
   * view, the status bar or "Open Checklist" (show()), never by merely opening another file.
   */
  follow(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId !== 'runbook') return;
    const opened = editor.document.uri;
    const shown = this.target?.toString();
    const next = followEditor(shown, opened.toString(), !!this.target && this.controller.hasOpenRun(this.target));
    if (next === shown) return;
    this.target = opened;
    this.host?.show(this.target);
  }

  dispose(): void {
    this.host?.dispose();
  }
}

function activeRunbook(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.languageId === 'runbook' ? doc.uri : undefined;
}

/** The checklist beside the editor: one panel, re-targeted by createOrShow, restored after a reload. */
export class ChecklistPanel implements vscode.Disposable {
  static current: ChecklistPanel | undefined;
  private readonly host: PageHost;
  private readonly disposables: vscode.Disposable[] = [];

  static createOrShow(
    controller: ChecklistController,
    extensionUri: vscode.Uri,
    runbook: vscode.Uri,
    focusStep?: string,
  ): void {
    if (ChecklistPanel.current) {
      ChecklistPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      ChecklistPanel.current.retarget(runbook, focusStep);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_TYPE,
      'Checklist',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(extensionUri),
    );
    ChecklistPanel.current = new ChecklistPanel(panel, controller, extensionUri, runbook, focusStep);
  }

  static revive(
    panel: vscode.WebviewPanel,
    controller: ChecklistController,
    extensionUri: vscode.Uri,
    state: PageState | undefined,
  ): void {
    let runbook: vscode.Uri | undefined;
    try {
      runbook = state?.runbookUri ? vscode.Uri.parse(state.runbookUri, true) : undefined;
    } catch {
      runbook = undefined;
    }
    ChecklistPanel.current?.dispose();
    ChecklistPanel.current = new ChecklistPanel(panel, controller, extensionUri, runbook);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    controller: ChecklistController,
    extensionUri: vscode.Uri,
    runbook: vscode.Uri | undefined,
    focusStep?: string,
  ) {
    this.host = new PageHost(panel.webview, controller, extensionUri, runbook, (uri) => this.retarget(uri));
    this.retarget(runbook, focusStep);
    setPanelIcon(panel, extensionUri);
    this.disposables.push(
      this.host,
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) controller.lastPage = this.host;
      }),
    );
  }

  private retarget(runbook: vscode.Uri | undefined, focusStep?: string): void {
    this.panel.title = runbook
      ? `Checklist: ${runbook.path
          .split('/')
          .pop()
          ?.replace(/\.runbook\.ya?ml$/, '')}`
      : 'Checklist';
    this.host.show(runbook, focusStep);
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ChecklistPanel.current === this) ChecklistPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
