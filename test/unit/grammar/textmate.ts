/**
 * Tokenizes runbooks with syntaxes/runbook.tmLanguage.json the way VS Code does: vscode-textmate
 * on the oniguruma WASM from node_modules (vscode-oniguruma 1.7, the version VS Code bundles).
 *
 * `source.runbook` includes `source.yaml`, which VS Code ships and the tests cannot download.
 * Two hosts are offered:
 * - `stub`: test/unit/grammar/yaml-stub.tmLanguage.json, a small YAML grammar kept in this folder
 *   (always present; the snapshots use it so they never depend on a VS Code version);
 * - `vscode`: the real YAML grammars of the VS Code that the e2e tests install under
 *   .cache/code-server (or the folder in RUNBOOK_YAML_SYNTAXES), when that is on this machine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const REPO = resolve(__dirname, '../../..');
const RUNBOOK_GRAMMAR = join(REPO, 'syntaxes/runbook.tmLanguage.json');
const YAML_STUB = join(__dirname, 'yaml-stub.tmLanguage.json');
const VSCODE_YAML_SYNTAXES =
  process.env.RUNBOOK_YAML_SYNTAXES ??
  join(REPO, '.cache/code-server/prefix/lib/node_modules/code-server/lib/vscode/extensions/yaml/syntaxes');

export interface Token {
  /** 0-based line and the token's [start, end) columns in it. */
  line: number;
  start: number;
  end: number;
  text: string;
  /** Outermost first; the root scope (source.runbook / source.yaml) is left out. */
  scopes: string[];
}

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOniguruma(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

export type Host = 'stub' | 'vscode';

/** Where VS Code's YAML grammars are, or undefined when this machine has none. */
export function vscodeYamlSyntaxes(): string | undefined {
  return existsSync(join(VSCODE_YAML_SYNTAXES, 'yaml.tmLanguage.json')) ? VSCODE_YAML_SYNTAXES : undefined;
}

function grammarFiles(host: Host): Map<string, string> {
  const files = new Map<string, string>([['source.runbook', RUNBOOK_GRAMMAR]]);
  if (host === 'stub') {
    files.set('source.yaml', YAML_STUB);
    return files;
  }
  const dir = vscodeYamlSyntaxes();
  if (!dir) throw new Error(`VS Code's YAML grammars are not at ${VSCODE_YAML_SYNTAXES}`);
  // yaml.tmLanguage.json is source.yaml; it includes source.yaml.1.2 and its siblings.
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.tmLanguage.json'))) {
    const scopeName = (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { scopeName: string }).scopeName;
    files.set(scopeName, join(dir, name));
  }
  return files;
}

const registries = new Map<Host, vsctm.Registry>();
function registry(host: Host): vsctm.Registry {
  let found = registries.get(host);
  if (!found) {
    const files = grammarFiles(host);
    found = new vsctm.Registry({
      onigLib: loadOniguruma(),
      loadGrammar: async (scopeName) => {
        const file = files.get(scopeName);
        return file ? vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
    });
    registries.set(host, found);
  }
  return found;
}

/** Tokens of every line of `text`, tokenized as `scopeName` (source.runbook or plain source.yaml). */
export async function tokenize(text: string, host: Host = 'stub', scopeName = 'source.runbook'): Promise<Token[][]> {
  const grammar = await registry(host).loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      line,
      start: t.startIndex,
      // The last token of a line may run one past its end (over the "\n" vscode-textmate adds).
      end: Math.min(t.endIndex, lineText.length),
      text: lineText.slice(t.startIndex, t.endIndex),
      scopes: t.scopes.slice(1),
    }));
  });
}

/** True for the scopes this project's grammar adds (not source.yaml's, not the root). */
export const isRunbookScope = (scope: string): boolean => scope.endsWith('.runbook');
/** The runbook scopes that carry meaning for a theme (meta.* only group other tokens). */
export const shownScopes = (t: Token): string[] => t.scopes.filter((s) => isRunbookScope(s) && !s.startsWith('meta.'));

/** The tokens whose text is exactly `text`, on any line. */
export function tokensWithText(lines: Token[][], text: string): Token[] {
  return lines.flat().filter((t) => t.text === text);
}
