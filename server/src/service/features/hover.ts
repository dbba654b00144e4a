import type { Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';

export function hover(_ctx: FeatureContext, _position: Position, _diagnostics: Diagnostic[]): Hover | null {
  return null;
}
