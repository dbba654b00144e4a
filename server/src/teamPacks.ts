/**
 * The server's view of team rule packs: loads them from every workspace folder (unsaved editor
 * text wins over the disk), and turns each pack's problems into diagnostics for that file.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LoadedPacks } from './packTexts';
import { ruleDocs } from '../../core/service';
import { toDiagnostic } from '../../core/service/diagnostics';
import { loadPackFiles, rulesOf, type PackFile } from '../../node/packFiles';

export { PACK_URI, type LoadedPacks } from './packTexts';

export function loadTeamPacks(
  rootUris: string[],
  builtinIds: Iterable<string>,
  openTexts: ReadonlyMap<string, string>,
): LoadedPacks {
  // Only `file:` documents can shadow a file on disk (a pack open from a virtual folder cannot).
  const overrides = new Map(
    [...openTexts].filter(([uri]) => uri.startsWith('file:')).map(([uri, text]) => [fileURLToPath(uri), text]),
  );
  const files: PackFile[] = [];
  for (const root of rootUris) {
    if (!root.startsWith('file:')) continue;
    files.push(...loadPackFiles(fileURLToPath(root), [...builtinIds, ...rulesOf(files).map((r) => r.id)], overrides));
  }
  const diagnostics = new Map<string, Diagnostic[]>();
  const docs = ruleDocs();
  for (const f of files) {
    const uri = pathToFileURL(f.path).href;
    diagnostics.set(
      uri,
      f.parsed.findings.map((x) => toDiagnostic(x, f.parsed, uri, docs)),
    );
  }
  return { rules: rulesOf(files), diagnostics };
}
