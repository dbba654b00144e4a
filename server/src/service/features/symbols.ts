import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';

export function documentSymbols(_ctx: FeatureContext): DocumentSymbol[] { return []; }
export function foldingRanges(_ctx: FeatureContext): FoldingRange[] { return []; }
