/**
 * The documentation shipped in the extension (docs/ in the .vsix), shown inside VS Code as a
 * Markdown preview: no browser, no network, no "open external site" prompt.
 */
import * as vscode from 'vscode';

import { linksRulePage, previewLinks } from './docsLinks';

/** Hover middleware: rule page links open the preview; only that command is trusted. */
export function withPreviewLinks(hover: vscode.Hover | null | undefined): vscode.Hover | null | undefined {
  if (!hover) return hover;
  const contents = hover.contents.map((c) => {
    const text = typeof c === 'string' ? c : 'value' in c && !('language' in c) ? c.value : undefined;
    if (text === undefined || !linksRulePage(text)) return c;
    const md = new vscode.MarkdownString(previewLinks(text));
    md.isTrusted = { enabledCommands: ['runbook.showRulePage'] };
    return md;
  });
  return new vscode.Hover(contents, hover.range);
}

async function showPage(context: vscode.ExtensionContext, ...path: string[]): Promise<void> {
  const uri = vscode.Uri.joinPath(context.extensionUri, 'docs', ...path);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

async function pickRule(context: vscode.ExtensionContext): Promise<string | undefined> {
  const folder = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const entries = await vscode.workspace.fs.readDirectory(folder);
  const ids = entries
    .map(([name]) => name)
    .filter((n) => n.endsWith('.md') && n !== 'README.md')
    .map((n) => n.slice(0, -3))
    .sort();
  return vscode.window.showQuickPick(ids, { placeHolder: 'Which rule?' });
}

export function registerDocs(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('runbook.showRulePage', async (id?: string) => {
      const rule = typeof id === 'string' && /^[a-z0-9-]+$/.test(id) ? id : await pickRule(context);
      if (rule) await showPage(context, 'rules', `${rule}.md`);
    }),
    vscode.commands.registerCommand('runbook.showFormatReference', () => showPage(context, 'format.md')),
  ];
}
