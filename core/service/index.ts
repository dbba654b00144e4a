/**
 * The pure language service: one factory, the host injected. No editor API, no LSP connection,
 * no file system here (enforced by lint): the LSP server, the CLI and the tests all call this.
 */
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { codeActions } from './features/codeActions';
import { codeLenses, type CodeLensOptions } from './features/codeLens';
import { complete, type ScenarioSnippet } from './features/completion';
import type { FeatureContext } from './features/context';
import { hover } from './features/hover';
import { definition, highlights, prepareRename, references, rename } from './features/navigation';
import { documentSymbols, foldingRanges } from './features/symbols';
import { BUILTIN_RULES } from '../rules/exchange2000';
import type { SeveritySettings } from '../rules/engine';
import type { Rule } from '../rules/types';
import { collectFindings, toDiagnostic } from './diagnostics';
import type { Finding } from '../model/findings';
import { ParseCache, parseRunbook, type ParsedRunbook } from '../model/parse/parseRunbook';

export const DEFAULT_DOCS_BASE = 'https://github.com/runbook-studio/runbook-studio/blob/main/docs/rules';

/** Codes with a page in docs/rules besides the built-in rules. */
const DOCUMENTED_CODES = ['schema', 'yaml-syntax', 'large-file', 'suppression-without-reason', 'unused-suppression'];

/** The page of a diagnostic code: docs/rules for ours, a team rule's own `docUrl`, else none. */
export function ruleDocs(
  extraRules: readonly Rule[] = [],
  base = DEFAULT_DOCS_BASE,
): (code: string) => string | undefined {
  const ours = new Set([...BUILTIN_RULES.map((r) => r.id), ...DOCUMENTED_CODES]);
  const team = new Map(extraRules.map((r) => [r.id, r.docUrl]));
  return (code) => (ours.has(code) ? `${base}/${code}.md` : team.get(code));
}

/** Said once, on the first line, when a file is over `fullCheckChars`. */
function largeFileNotice(p: ParsedRunbook, limit: number): Finding {
  const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;
  return {
    code: 'large-file',
    severity: 'information',
    span: { start: 0, end: p.lines.lineEnd(0) },
    message: `This runbook is ${mb(p.text.length)}, over the ${mb(limit)} checked in full: only YAML syntax and the schema are checked; the ordering rules are off for it. Split it into smaller runbooks to have them checked.`,
  };
}

export interface ServiceOptions {
  /** Severity per rule id, or `off`. */
  severities?: SeveritySettings;
  /** Rules from team packs, checked after the built-in pack. */
  extraRules?: readonly Rule[];
  docsBase?: string;
  /** Scenario snippets read by the host (snippets/runbook.json), offered in an empty runbook. */
  snippets?: readonly ScenarioSnippet[];
  /**
   * Texts longer than this (characters) get the YAML syntax and schema checks and a notice, not
   * the ordering rules, so that one huge file cannot keep a host busy for many seconds. Unset: no limit.
   */
  fullCheckChars?: number;
  /**
   * The configuration of one document, when it has its own (the project's config files and team
   * packs of its folder, see projectConfig.ts); replaces `severities` and `extraRules` for it.
   */
  scope?: (uri: string) => DocumentConfig | undefined;
}

export interface DocumentConfig {
  severities: SeveritySettings;
  extraRules: readonly Rule[];
}

export interface Analysis {
  parsed: ParsedRunbook;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export interface LanguageService {
  /** Parses (re-using unchanged steps of the last version of this uri) and checks. */
  analyze(uri: string, text: string): Analysis;
  /** The last parse of a uri, if the text is the same. */
  parsed(uri: string, text: string): ParsedRunbook;
  configure(options: ServiceOptions): void;
  forget(uri: string): void;
  /** The rules that check `uri` (without one: those of the service-wide options). */
  rules(uri?: string): readonly Rule[];
  completion(uri: string, text: string, position: Position): CompletionList;
  hover(uri: string, text: string, position: Position): Hover | null;
  definition(uri: string, text: string, position: Position): Location[];
  references(uri: string, text: string, position: Position, includeDeclaration: boolean): Location[];
  documentHighlights(uri: string, text: string, position: Position): DocumentHighlight[];
  prepareRename(
    uri: string,
    text: string,
    position: Position,
  ): { range: Range; placeholder: string } | { error: string };
  rename(uri: string, text: string, position: Position, newName: string): WorkspaceEdit | { error: string };
  documentSymbols(uri: string, text: string): DocumentSymbol[];
  foldingRanges(uri: string, text: string): FoldingRange[];
  codeLenses(uri: string, text: string, options: CodeLensOptions): CodeLens[];
  /** Quick fixes for the diagnostics in `range` (as the client sent them back). */
  codeActions(uri: string, text: string, range: Range, diagnostics: Diagnostic[], only?: string[]): CodeAction[];
  /** Findings of any text with the current rules, without caching (fix checks, tests). */
  lint(text: string): Finding[];
}

export function createLanguageService(initial: ServiceOptions = {}): LanguageService {
  let options = initial;
  const caches = new Map<string, ParseCache>();
  const last = new Map<string, ParsedRunbook>();

  const parsed = (uri: string, text: string): ParsedRunbook => {
    const prev = last.get(uri);
    if (prev && prev.text === text) return prev;
    let cache = caches.get(uri);
    if (!cache) caches.set(uri, (cache = new ParseCache()));
    const result = parseRunbook(text, cache);
    last.set(uri, result);
    return result;
  };
  const configOf = (uri?: string): DocumentConfig => {
    const own = uri === undefined ? undefined : options.scope?.(uri);
    return own ?? { severities: options.severities ?? {}, extraRules: options.extraRules ?? [] };
  };
  const rules = (uri?: string) => [...BUILTIN_RULES, ...configOf(uri).extraRules];
  const checker = (uri?: string) => {
    const config = configOf(uri);
    const all = [...BUILTIN_RULES, ...config.extraRules];
    const check = (text: string) => {
      const p = parseRunbook(text);
      return { parsed: p, findings: collectFindings(p, all, config.severities) };
    };
    return { check, lint: (text: string) => check(text).findings };
  };
  const ctx = (uri: string, text: string): FeatureContext => ({
    uri,
    parsed: parsed(uri, text),
    ...checker(uri),
    findings: () => analyze(uri, text).findings,
  });
  // Checked results per parse: hover and code actions re-use the diagnostics of the same text.
  let analyses = new WeakMap<ParsedRunbook, Analysis>();
  // Docs links per set of team rules (their own `docUrl`s), built once per set.
  let docsByRules = new WeakMap<readonly Rule[], (code: string) => string | undefined>();
  const docsFor = (extra: readonly Rule[]) => {
    let docs = docsByRules.get(extra);
    if (!docs) docsByRules.set(extra, (docs = ruleDocs(extra, options.docsBase)));
    return docs;
  };
  const analyze = (uri: string, text: string): Analysis => {
    const p = parsed(uri, text);
    const known = analyses.get(p);
    if (known) return known;
    const config = configOf(uri);
    const limit = options.fullCheckChars;
    const findings =
      limit !== undefined && text.length > limit
        ? [...collectFindings(p, [], config.severities), largeFileNotice(p, limit)]
        : collectFindings(p, [...BUILTIN_RULES, ...config.extraRules], config.severities);
    const docs = docsFor(config.extraRules);
    const result = { parsed: p, findings, diagnostics: findings.map((f) => toDiagnostic(f, p, uri, docs)) };
    analyses.set(p, result);
    return result;
  };

  return {
    parsed,
    analyze,
    configure(next) {
      options = { ...options, ...next };
      analyses = new WeakMap();
      docsByRules = new WeakMap();
    },
    forget(uri) {
      caches.delete(uri);
      last.delete(uri);
    },
    rules,
    completion: (uri, text, position) => complete(ctx(uri, text), position, options.snippets),
    hover: (uri, text, position) => hover(ctx(uri, text), position, analyze(uri, text).diagnostics, rules(uri)),
    definition: (uri, text, position) => definition(ctx(uri, text), position),
    references: (uri, text, position, includeDeclaration) => references(ctx(uri, text), position, includeDeclaration),
    documentHighlights: (uri, text, position) => highlights(ctx(uri, text), position),
    prepareRename: (uri, text, position) => prepareRename(ctx(uri, text), position),
    rename: (uri, text, position, newName) => rename(ctx(uri, text), position, newName),
    documentSymbols: (uri, text) => documentSymbols(ctx(uri, text)),
    foldingRanges: (uri, text) => foldingRanges(ctx(uri, text)),
    codeLenses: (uri, text, opts) => codeLenses(ctx(uri, text), opts),
    codeActions: (uri, text, range, diagnostics, only) => codeActions(ctx(uri, text), range, diagnostics, only),
    lint: (text) => checker().lint(text),
  };
}

export type { CodeLensOptions, ScenarioSnippet };
