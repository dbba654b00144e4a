/**
 * Helpers of the editor-feature tests. A fixture marks the cursor with `|`; `at()` removes the
 * marker and returns the text and the exact LSP position. `rangeOf(text, 'id: «a»')` is the range
 * of the part in «» where the text around it occurs exactly once, so a test cannot point at the
 * wrong copy.
 */
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService, type ServiceOptions } from '../../../core/service';

export const URI = 'file:///t.runbook.yaml';

/** A header with an inventory: one storage group with a comma in a database name, a cluster. */
export const HEADER = `runbook: 1
title: Restore the mailbox store
scenario: database-restore
server:
  name: EXCH01
  cluster:
    name: EXCLUSTER
    nodes: [NODE1, NODE2]
  storageGroups:
    - name: First Storage Group
      databases: [Mailbox Store, 'Sales, West']
    - name: SG2
      databases: [Archive]
`;

/** The header and a step list (already indented as items of `steps:`). */
export function runbook(steps: string): string {
  return `${HEADER}steps:\n${steps}`;
}

export function at(marked: string): { text: string; position: Position } {
  const i = marked.indexOf('|');
  assert.ok(i !== -1 && marked.indexOf('|', i + 1) === -1, 'exactly one | cursor marker');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  const lines = text.slice(0, i).split('\n');
  return { text, position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

export function positionOf(text: string, offset: number): Position {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

export function rangeOf(text: string, marked: string): Range {
  const open = marked.indexOf('«');
  const close = marked.indexOf('»');
  assert.ok(open !== -1 && close > open, `${JSON.stringify(marked)} marks a part with «»`);
  const plain = marked.replace('«', '').replace('»', '');
  const first = text.indexOf(plain);
  assert.ok(first !== -1, `fixture holds ${JSON.stringify(plain)}`);
  assert.equal(text.indexOf(plain, first + 1), -1, `${JSON.stringify(plain)} occurs once`);
  return { start: positionOf(text, first + open), end: positionOf(text, first + close - 1) };
}

/** The position just inside the «» part (its first character). */
export function inside(text: string, marked: string): Position {
  return rangeOf(text, marked).start;
}

export function service(options: ServiceOptions = {}) {
  return createLanguageService(options);
}

export function complete(marked: string, options: ServiceOptions = {}): { text: string; list: CompletionList } {
  const { text, position } = at(marked);
  return { text, list: service(options).completion(URI, text, position) };
}

export const labels = (list: CompletionList) => list.items.map((i) => i.label);
export const newText = (item: CompletionItem) => (item.textEdit as TextEdit).newText;
export const editRange = (item: CompletionItem) => (item.textEdit as TextEdit).range;

export function item(list: CompletionList, label: string): CompletionItem {
  const found = list.items.find((i) => i.label === label);
  assert.ok(found, `a completion item '${label}' among ${JSON.stringify(labels(list))}`);
  return found;
}

export function docOf(i: CompletionItem): string {
  const d = i.documentation;
  return typeof d === 'string' ? d : (d?.value ?? '');
}
