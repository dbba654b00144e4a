/**
 * The project configuration of runbooks from config file texts, for the web worker server: the
 * walk of node/configFiles.ts over URIs instead of the disk. From the runbook's folder up, each
 * `.runbookrc.json` found is applied (the nearest wins, core/service/projectConfig.ts merges), and
 * the walk stops at the first of: a file with `"root": true`, a repository root, the workspace
 * folder. Unlike on the desktop it never goes above the workspace folder (a browser sees nothing
 * above it; in github.dev the folder is the repository), and it knows a folder is a repository
 * root only where that folder holds a config file or is a workspace folder (the client reports
 * which do: server/src/protocol.ts `ConfigFilesRequest`).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { mergeSeverities, parseConfigFile, type ConfigFile } from '../../core/service/projectConfig';
import type { SeveritySettings } from '../../core/rules/engine';

export interface ConfigTexts {
  files: { uri: string; text: string }[];
  repositoryRoots: string[];
}

export interface ConfigScopes {
  /** Severities from the config files above this runbook; undefined outside the workspace folders. */
  severitiesOf(uri: string): SeveritySettings | undefined;
  /** The workspace folder holding this document (the innermost). */
  folderOf(uri: string): string | undefined;
  /** Per config file: its problems (an empty list clears old ones). */
  diagnostics: Map<string, Diagnostic[]>;
}

function parent(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

function trimSlash(uri: string): string {
  return uri.replace(/\/+$/, '');
}

export function configScopes(texts: ConfigTexts, rootUris: readonly string[]): ConfigScopes {
  const roots = rootUris.map(trimSlash).sort((a, b) => b.length - a.length);
  const repositories = new Set(texts.repositoryRoots.map(trimSlash));
  const byFolder = new Map<string, ConfigFile>();
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const { uri, text } of texts.files) {
    const { config, problems } = parseConfigFile(text);
    byFolder.set(parent(uri), config);
    diagnostics.set(
      uri,
      problems.map((p) => ({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Error,
        source: 'runbook',
        code: 'config',
        message: `${p.message}. Until it is fixed, this file is read as empty.`,
      })),
    );
  }
  const folderOf = (uri: string) => roots.find((r) => uri.startsWith(`${r}/`));
  return {
    folderOf,
    diagnostics,
    severitiesOf(uri) {
      const root = folderOf(uri);
      if (!root) return undefined;
      const chain: ConfigFile[] = [];
      for (let dir = parent(uri); dir.length >= root.length; dir = parent(dir)) {
        const config = byFolder.get(dir);
        if (config) {
          chain.unshift(config);
          if (config.root) break;
        }
        if (dir === root || repositories.has(dir)) break;
      }
      return mergeSeverities(chain);
    },
  };
}
