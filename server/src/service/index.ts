/**
 * The pure language service: one factory, the host injected. No editor API, no LSP connection,
 * no file system here (enforced by lint): the LSP server, the CLI and the tests all call this.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { BUILTIN_RULES } from '../rules/exchange2000';
import type { SeveritySettings } from '../rules/engine';
import type { Rule } from '../rules/types';
import { collectFindings, toDiagnostic } from './diagnostics';
import type { Finding } from './findings';
import { ParseCache, parseRunbook, type ParsedRunbook } from './parse/parseRunbook';

export const DEFAULT_DOCS_BASE = 'https://github.com/runbook-studio/runbook-studio/blob/main/docs/rules';

export interface ServiceOptions {
  /** Severity per rule id, or `off`. */
  severities?: SeveritySettings;
  /** Rules from team packs, checked after the built-in pack. */
  extraRules?: readonly Rule[];
  docsBase?: string;
}

export interface Analysis { parsed: ParsedRunbook; findings: Finding[]; diagnostics: Diagnostic[] }

export interface LanguageService {
  /** Parses (re-using unchanged steps of the last version of this uri) and checks. */
  analyze(uri: string, text: string): Analysis;
  /** The last parse of a uri, if the text is the same. */
  parsed(uri: string, text: string): ParsedRunbook;
  configure(options: ServiceOptions): void;
  forget(uri: string): void;
  rules(): readonly Rule[];
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
  const rules = () => [...BUILTIN_RULES, ...(options.extraRules ?? [])];

  return {
    parsed,
    analyze(uri, text) {
      const p = parsed(uri, text);
      const findings = collectFindings(p, rules(), options.severities ?? {});
      const docs = options.docsBase ?? DEFAULT_DOCS_BASE;
      return { parsed: p, findings, diagnostics: findings.map((f) => toDiagnostic(f, p, uri, docs)) };
    },
    configure(next) { options = { ...options, ...next }; },
    forget(uri) { caches.delete(uri); last.delete(uri); },
    rules,
  };
}
