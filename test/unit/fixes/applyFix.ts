/** Test helper: find the quick fix for a diagnostic, apply its edit, and lint the result. */
import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../core/service';
import { LineIndex } from '../../../core/model/text/lineIndex';

export const URI = 'file:///fix.runbook.yaml';

export function applyLspEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => ({
    start: lines.offsetAt(e.range.start),
    end: lines.offsetAt(e.range.end),
    text: e.newText,
  }));
  spans.sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

export function actionsFor(text: string, code: string): { actions: CodeAction[]; count: number } {
  const service = createLanguageService();
  const { diagnostics } = service.analyze(URI, text);
  const mine = diagnostics.filter((d) => d.code === code);
  assert.ok(
    mine.length > 0,
    `expected a '${code}' diagnostic, got: ${diagnostics.map((d) => d.code).join(', ') || 'none'}`,
  );
  return { actions: service.codeActions(URI, text, mine[0].range, [mine[0]]), count: mine.length };
}

/**
 * Applies the preferred fix (or else the first that is not a disable comment) for the first `code` diagnostic and
 * asserts: that diagnostic is gone, and no error appears that was not there before.
 */
export function assertFixes(text: string, code: string): string {
  const before = createLanguageService().lint(text);
  const { actions, count } = actionsFor(text, code);
  const fix = actions.find((a) => a.isPreferred) ?? actions.find((a) => !/^Disable/.test(a.title));
  assert.ok(fix, `no quick fix offered for '${code}' (offered: ${actions.map((a) => a.title).join(' | ') || 'none'})`);
  const fixed = applyLspEdits(text, fix.edit!.changes![URI]);
  const after = createLanguageService().lint(fixed);
  assert.ok(
    after.filter((f) => f.code === code).length < count,
    `'${fix.title}' left the '${code}' problem:\n${fixed}`,
  );
  const beforeErrors = new Set(before.filter((f) => f.severity === 'error').map((f) => `${f.code}|${f.message}`));
  const added = after.filter(
    (f) => f.severity === 'error' && !beforeErrors.has(`${f.code}|${f.message}`) && f.code !== code,
  );
  assert.deepEqual(
    added.map((f) => `${f.code}: ${f.message}`),
    [],
    `'${fix.title}' added errors:\n${fixed}`,
  );
  return fixed;
}
