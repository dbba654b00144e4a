import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';

export function complete(_ctx: FeatureContext, _position: Position): CompletionList {
  return { isIncomplete: false, items: [] };
}
