/** What every editor feature receives: the parsed runbook of the request's document. */
import type { Position } from 'vscode-languageserver-types';
import type { ParsedRunbook } from '../parse/parseRunbook';

export interface FeatureContext {
  uri: string;
  parsed: ParsedRunbook;
}

export type { Position };
