import type { CodeLens } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';

export interface CodeLensOptions { checklistAvailable: boolean }

export function codeLenses(_ctx: FeatureContext, _options: CodeLensOptions): CodeLens[] { return []; }
