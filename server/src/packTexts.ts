/**
 * Team rule packs from their texts, wherever the texts came from (the disk in Node, the editor's
 * file system in a web worker): parses each in order, so a rule id taken by an earlier pack or by
 * a built-in rule is reported in the later one, and turns each pack's problems into diagnostics.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { ruleDocs } from '../../core/service';
import { toDiagnostic } from '../../core/service/diagnostics';
import { parsePack } from '../../core/rules/packs/parsePack';
import type { Rule } from '../../core/rules/types';

/** A team pack's document URI: `.runbook/rules/<name>.yaml` (or `.yml`) in any scheme. */
export const PACK_URI = /\/\.runbook\/rules\/[^/]+\.ya?ml$/;
/** The project configuration file, found by walking up from each runbook (docs/configuration). */
export const CONFIG_URI = /\/\.runbookrc\.json$/;

export interface PackText {
  uri: string;
  text: string;
}

export interface LoadedPacks {
  rules: Rule[];
  diagnostics: Map<string, Diagnostic[]>;
}

/** `files` in load order: workspace folder by folder, each folder's packs sorted by name. */
export function packsFromTexts(files: readonly PackText[], builtinIds: Iterable<string>): LoadedPacks {
  const taken = new Set(builtinIds);
  const rules: Rule[] = [];
  const diagnostics = new Map<string, Diagnostic[]>();
  const docs = ruleDocs();
  for (const { uri, text } of files) {
    const parsed = parsePack(text, taken);
    parsed.rules.forEach((r) => taken.add(r.id));
    rules.push(...parsed.rules);
    diagnostics.set(
      uri,
      parsed.findings.map((f) => toDiagnostic(f, parsed, uri, docs)),
    );
  }
  return { rules, diagnostics };
}
