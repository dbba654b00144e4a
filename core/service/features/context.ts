/** What every editor feature receives: the parsed runbook of the request's document. */
import type { Position } from 'vscode-languageserver-types';
import type { Finding } from '../../model/findings';
import type { ParsedRunbook } from '../../model/parse/parseRunbook';

export interface FeatureContext {
  uri: string;
  parsed: ParsedRunbook;
  /** The findings of `parsed` as the document's check produced them (cached, not re-run). */
  findings(): Finding[];
  /** Checks another text with the same rules and settings (quick fixes test their result). */
  lint(text: string): Finding[];
  /** Parses and checks another text without touching the document's cache. */
  check(text: string): { parsed: ParsedRunbook; findings: Finding[] };
}

export type { Position };
