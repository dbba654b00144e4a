/**
 * API newer than the oldest VS Code we declare (package.json engines.vscode, typechecked by
 * client/tsconfig.vscode-min.json against @types/vscode 1.90): each use is guarded here.
 */
import * as vscode from 'vscode';

/** Whether the running VS Code is at least `major.minor`. */
export function atLeast(major: number, minor: number, version = vscode.version): boolean {
  const [ma, mi] = version.split('.').map((n) => Number.parseInt(n, 10));
  return ma > major || (ma === major && mi >= minor);
}

/**
 * A webview panel's tab icon: a product icon (ThemeIcon) where panels take one (checked on
 * 1.138; 1.100's API still takes image URIs only), else the extension's own icon.
 */
export function setPanelIcon(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  const target = panel as { iconPath?: unknown };
  target.iconPath = atLeast(1, 138)
    ? new vscode.ThemeIcon('checklist')
    : vscode.Uri.joinPath(extensionUri, 'images', 'icon.png');
}
