/**
 * Lenses on the `title:` line: a summary ("12 steps · member-server") and, only when the host
 * says a checklist exists for this runbook, a button that opens it. VS Code hides a lens without
 * a command, so the summary carries an empty command id, which it renders as plain text; no lens
 * is ever a button that does nothing.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import { locateHeader } from '../../model/parse/parseRunbook';
import type { FeatureContext } from './context';

export interface CodeLensOptions {
  checklistAvailable: boolean;
}

/** Must equal `Commands.openChecklist` in server/src/protocol.ts (a unit test checks); the service cannot import the protocol package. */
export const OPEN_CHECKLIST_COMMAND = 'runbook.openChecklist';

export function codeLenses(ctx: FeatureContext, options: CodeLensOptions): CodeLens[] {
  const parsed = ctx.parsed;
  // The title line, else the first key of the file: a runbook still being written gets its lens too.
  const title = locateHeader(parsed, ['title']);
  const anchor = title?.depth === 1 && title.keySpan ? title.keySpan : locateHeader(parsed, ['runbook'])?.keySpan;
  if (!anchor) return [];
  const range = parsed.lines.range(anchor);
  const n = parsed.steps.length;
  const scenario = typeof parsed.header?.scenario === 'string' ? parsed.header.scenario : undefined;
  const summary = `${n} ${n === 1 ? 'step' : 'steps'}${scenario ? ` · ${scenario}` : ''}`;
  const lenses: CodeLens[] = [{ range, command: { title: summary, command: '' } }];
  if (options.checklistAvailable) {
    lenses.push({ range, command: { title: 'Open checklist', command: OPEN_CHECKLIST_COMMAND, arguments: [ctx.uri] } });
  }
  return lenses;
}
