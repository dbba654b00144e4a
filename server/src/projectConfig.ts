/**
 * The server's view of the project configuration, per document: the `.runbookrc.json` files and
 * team packs found by walking up from the runbook's folder (node/configFiles.ts, the same walk as
 * the CLI), then the editor's `runbook.rules` for the runbook's workspace folder on top. Each
 * workspace folder of a multi-root workspace thus has its own files, packs and settings.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, relative } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { ruleDocs, type DocumentConfig } from '../../core/service';
import { toDiagnostic } from '../../core/service/diagnostics';
import { BUILTIN_RULES } from '../../core/rules/exchange2000';
import type { SeveritySettings } from '../../core/rules/engine';
import { configFor, type RunbookConfig } from '../../node/configFiles';

export { CONFIG_URI, PACK_URI } from './packTexts';

export class ProjectConfigs {
  /** Workspace folder paths, longest first (the innermost folder holding a file wins). */
  private folders: string[] = [];
  private settings = new Map<string, SeveritySettings>();
  private windowSettings: SeveritySettings = {};
  private byDir = new Map<string, { config: RunbookConfig; merged: DocumentConfig }>();
  private overrides = new Map<string, string>();

  /** Forgets every walk: after a config file, a pack, a setting or the folders changed. */
  reset(options: {
    folderUris: string[];
    settings: Map<string, SeveritySettings>;
    windowSettings: SeveritySettings;
    openTexts: ReadonlyMap<string, string>;
  }): void {
    this.folders = options.folderUris
      .filter((u) => u.startsWith('file:'))
      .map((u) => fileURLToPath(u))
      .sort((a, b) => b.length - a.length);
    this.settings = new Map([...options.settings].map(([uri, s]) => [fileURLToPath(uri), s]));
    this.windowSettings = options.windowSettings;
    this.overrides = new Map([...options.openTexts].map(([uri, text]) => [fileURLToPath(uri), text]));
    this.byDir = new Map();
  }

  folderOf(path: string): string | undefined {
    return this.folders.find((f) => path === f || !relative(f, path).startsWith('..'));
  }

  /** The rules and severities of a document; undefined for one not on disk (untitled). */
  scope = (uri: string): DocumentConfig | undefined => {
    if (!uri.startsWith('file:')) return undefined;
    return this.entry(fileURLToPath(uri)).merged;
  };

  private entry(path: string) {
    const dir = dirname(path);
    let known = this.byDir.get(dir);
    if (!known) {
      const folder = this.folderOf(path);
      const config = configFor(path, {
        stopAt: folder,
        overrides: this.overrides,
        reserved: BUILTIN_RULES.map((r) => r.id),
      });
      const settings = (folder && this.settings.get(folder)) ?? this.windowSettings;
      known = { config, merged: { severities: { ...config.severities, ...settings }, extraRules: config.rules } };
      this.byDir.set(dir, known);
    }
    return known;
  }

  /** Settings that apply where no document is (untitled runbooks). */
  fallback(): DocumentConfig {
    return { severities: this.windowSettings, extraRules: [] };
  }

  /**
   * Diagnostics of every team pack and config file that applies to an open runbook or to a
   * workspace folder, by uri (packs: their own findings; config files: what is wrong in them).
   */
  /** Problems in the config files and packs above these open runbooks (`file:` URIs). */
  diagnostics(openRunbookUris: string[]): Map<string, Diagnostic[]> {
    const openPaths = openRunbookUris.map((uri) => fileURLToPath(uri));
    const out = new Map<string, Diagnostic[]>();
    const docs = ruleDocs();
    const probes = [...openPaths, ...this.folders.map((f) => `${f}/.runbook-folder-probe`)];
    for (const path of probes) {
      const { config } = this.entry(path);
      for (const p of config.packs) {
        const uri = pathToFileURL(p.path).href;
        if (!out.has(uri))
          out.set(
            uri,
            p.parsed.findings.map((x) => toDiagnostic(x, p.parsed, uri, docs)),
          );
      }
      for (const file of config.files) {
        const uri = pathToFileURL(file).href;
        if (!out.has(uri)) out.set(uri, []);
      }
      for (const problem of config.problems) {
        const uri = pathToFileURL(problem.path).href;
        out.get(uri)?.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Error,
          source: 'runbook',
          code: 'config',
          message: `${problem.message}. Until it is fixed, this file is read as empty.`,
        });
      }
    }
    return out;
  }
}
