/** The "Runbooks" tree: each runbook of the workspace with its runs and their progress. */
import * as vscode from 'vscode';
import type { ChecklistController } from './controller';
import type { ServerState } from './serverState';
import { runbookRunsSummary, runSummaryLine } from '../report/treeSummary';

type Node = { kind: 'runbook'; uri: vscode.Uri; runs: string[] } | { kind: 'run'; runbook: vscode.Uri; file: string };

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
      return nodes;
    }
    if (node.kind === 'runbook')
      return [...node.runs].reverse().map((file) => ({ kind: 'run', runbook: node.uri, file }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'runbook') {
      const item = new vscode.TreeItem(
        node.uri,
        node.runs.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      const title = this.controller.plan(node.uri)?.plan.title;
      item.description = title ?? true;
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
    item.resourceUri = vscode.Uri.file(node.file);
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
    const done = total.filter((id) => record.state.steps.get(id)?.status === 'done').length;
    const skipped = total.filter((id) => record.state.steps.get(id)?.status === 'skipped').length;
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
    item.tooltip.appendText(`${start.rehearsal ? 'Rehearsal' : 'Run'} started ${start.at} by ${start.by}\n`);
    item.tooltip.appendText(
      `${done} of ${total.length} done, ${skipped} skipped${record.state.finished ? `, finished ${record.state.finishedAt}` : ''}\n`,
    );
    item.tooltip.appendText(`${runSummaryLine(record) ?? ''}\n${vscode.workspace.asRelativePath(node.file)}`);
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
