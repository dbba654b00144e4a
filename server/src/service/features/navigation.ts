import type { DocumentHighlight, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';

export function definition(_ctx: FeatureContext, _position: Position): Location[] { return []; }
export function references(_ctx: FeatureContext, _position: Position, _includeDeclaration: boolean): Location[] { return []; }
export function highlights(_ctx: FeatureContext, _position: Position): DocumentHighlight[] { return []; }
/** The range and current name of the step id under the cursor, or a reason why it cannot be renamed. */
export function prepareRename(_ctx: FeatureContext, _position: Position): { range: Range; placeholder: string } | { error: string } {
  return { error: 'Only a step id can be renamed.' };
}
export function rename(_ctx: FeatureContext, _position: Position, _newName: string): WorkspaceEdit | { error: string } {
  return { error: 'Only a step id can be renamed.' };
}
