import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';

export function codeActions(_ctx: FeatureContext, _range: Range, _diagnostics: Diagnostic[]): CodeAction[] { return []; }
