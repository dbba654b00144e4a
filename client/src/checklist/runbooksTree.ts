/** The "Runbooks" tree: each runbook of the workspace with its runs and their progress. */
import * as vscode from 'vscode';
import type { ChecklistController } from './controller';
import type { ServerState } from './serverState';
import { runbookRunsSummary, runSummaryLine } from '../report/treeSummary';
import { countProgress } from '../../../core/records/progress';
import { when } from '../../../core/records/time';

type Node =
  | { kind: 'folder'; label: string; runbooks: vscode.Uri[] }
  | { kind: 'runbook'; uri: vscode.Uri; runs: string[] }
  | { kind: 'run'; runbook: vscode.Uri; file: string };

/** The workspace-relative folder of a runbook ('' at the top). */
function folderOf(uri: vscode.Uri): string {
  const rel = vscode.workspace.asRelativePath(uri, false);
  const at = rel.lastIndexOf('/');
  return at < 0 ? '' : rel.slice(0, at);
}

export class RunbooksTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private scanning: Promise<void> | undefined;
  private rescan = false;

  constructor(
    private readonly controller: ChecklistController,
    private readonly server: ServerState,
  ) {
    this.subscriptions = [
      // The controller fires after every edit of a shown runbook: redraw only. Which runbooks have
      // runs changes only with the files, so only a file change searches the workspace again.
      controller.onDidChange(() => this.changed.fire(undefined)),
      controller.library.onDidChange(() => void this.scan()),
    ];
    void this.scan();
  }

  /** Finds the runbooks with runs and tells the language server (for its CodeLens). */
  scan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      try {
        const runbooks = await this.controller.library.runbooks();
        this.server.update(runbooks.filter((u) => this.controller.library.records(u).length).map((u) => u.toString()));
      } finally {
        this.scanning = undefined;
        // A file changed while the search ran: search again so the last change is seen.
        if (this.rescan) {
          this.rescan = false;
          void this.scan();
        }
      }
    })();
    return this.scanning;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const runbooks = await this.controller.library.runbooks();
      const nodes = runbooks.map((uri): Node => ({ kind: 'runbook', uri, runs: this.controller.library.records(uri) }));
      this.server.update(
        nodes
          .filter((n) => n.kind === 'runbook' && n.runs.length)
          .map((n) => (n as { uri: vscode.Uri }).uri.toString()),
      );
      // Grouped by folder (examples/ apart from examples/broken/); one folder shows its runbooks directly.
      const folders = new Map<string, vscode.Uri[]>();
      for (const n of nodes)
        if (n.kind === 'runbook') folders.set(folderOf(n.uri), [...(folders.get(folderOf(n.uri)) ?? []), n.uri]);
      if (folders.size <= 1) return nodes;
      return [...folders.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([label, runbooks]): Node => ({ kind: 'folder', label, runbooks }));
    }
    if (node.kind === 'folder')
      return node.runbooks.map((uri): Node => ({ kind: 'runbook', uri, runs: this.controller.library.records(uri) }));
    if (node.kind === 'runbook')
      return [...node.runs].reverse().map((file) => ({ kind: 'run', runbook: node.uri, file }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(node.label || '(workspace root)', vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = vscode.ThemeIcon.Folder;
      item.description = `${node.runbooks.length} runbook${node.runbooks.length === 1 ? '' : 's'}`;
      return item;
    }
    if (node.kind === 'runbook') {
      const item = new vscode.TreeItem(
        node.uri,
        node.runs.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      const planned = this.controller.plan(node.uri);
      const title = planned?.plan.title;
      const errors = planned ? this.controller.errorCount(node.uri, planned.errorCount) : 0;
      item.description = errors ? `${errors === 1 ? '1 error' : `${errors} errors`} · ${title ?? ''}` : (title ?? true);
      if (errors) item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.tooltip = `${vscode.workspace.asRelativePath(node.uri)}${title ? `\n${title}` : ''}\n${runbookRunsSummary(node.runs.map((f) => this.controller.library.load(f))) ?? 'no runs'}`;
      item.contextValue = 'runbook';
      item.command = { command: 'runbook.openChecklist', title: 'Open Checklist', arguments: [node.uri] };
      return item;
    }
    const record = this.controller.library.load(node.file);
    const start = record?.state.start;
    const name = node.file.split(/[\\/]/).pop() ?? node.file;
    const item = new vscode.TreeItem(
      start ? `${start.at.slice(0, 10)} ${start.at.slice(11, 16)} UTC — ${start.by}` : name,
    );
    item.resourceUri = this.controller.recordUri(node.file);
    item.contextValue = 'run';
    item.command = { command: 'runbook.openRun', title: 'Open Run', arguments: [node.runbook, node.file] };
    if (!record || record.problems.length || !start) {
      item.description = record?.problems.length ? `cannot be read: line ${record.problems[0].line}` : 'cannot be read';
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.tooltip = record?.problems.map((p) => `line ${p.line}: ${p.message}`).join('\n') ?? name;
      return item;
    }
    const ids = this.controller.plan(node.runbook)?.plan.byId.keys();
    const total = ids ? [...ids] : start.steps.map(([id]) => id);
    // The same counts as the header and the status bar (core/records/progress.ts).
    const { done, skipped, remaining } = countProgress(record.state, total);
    const current = this.controller.currentRecord(node.runbook) === node.file;
    item.description = [
      `${done}/${total.length} done`,
      skipped ? `${skipped} skipped` : '',
      start.rehearsal ? 'rehearsal' : '',
      record.state.finished ? 'finished' : current ? 'current' : '',
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = new vscode.ThemeIcon(record.state.finished ? 'pass' : start.rehearsal ? 'beaker' : 'play-circle');
    item.tooltip = new vscode.MarkdownString(undefined, false);
    item.tooltip.appendText(
      `${start.rehearsal ? 'Rehearsal' : 'Run'} started ${when(start.at)} (${start.at}) by ${start.by}\n`,
    );
    item.tooltip.appendText(
      `${done} of ${total.length} done, ${skipped} skipped, ${remaining} remaining${record.state.finished ? `, finished ${when(record.state.finishedAt)}` : ''}\n`,
    );
    item.tooltip.appendText(
      `${runSummaryLine(record) ?? ''}\n${vscode.workspace.asRelativePath(this.controller.recordUri(node.file))}`,
    );
    return item;
  }

  refresh(): void {
    void this.scan();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
