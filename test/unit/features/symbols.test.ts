/** Document symbols and folding ranges, including a runbook of 10,000 steps. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { URI, rangeOf, runbook, service } from './helpers';

const TEXT = runbook(`  - id: confirm
    action: prereq.confirm
    with: { item: install-media }
  # Take the databases offline
  # before anything is copied.
  - id: dismount
    action: database.dismount
    with:
      storageGroup: SG2
      databases: [Archive]
  - action: manual
    notes: no id yet
  - id: restore
    action: database.restore
    with:
      storageGroup: SG2
`);
const svc = service();
const byName = (list: DocumentSymbol[] | undefined, name: string) => {
  const s = list?.find((x) => x.name === name);
  assert.ok(s, `a symbol '${name}'`);
  return s;
};

describe('document symbols', () => {
  const symbols = svc.documentSymbols(URI, TEXT);
  test('server, then steps, in text order', () => {
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind]),
      [
        ['server', SymbolKind.Module],
        ['steps', SymbolKind.Array],
      ],
    );
    assert.equal(byName(symbols, 'steps').detail, '4 steps');
  });
  test('one symbol per step: id, action, the whole step, the id selected', () => {
    const steps = byName(symbols, 'steps').children!;
    assert.deepEqual(
      steps.map((s) => [s.name, s.detail]),
      [
        ['confirm', 'prereq.confirm'],
        ['dismount', 'database.dismount'],
        ['step 3', 'manual'],
        ['restore', 'database.restore'],
      ],
    );
    const dismount = byName(steps, 'dismount');
    assert.equal(dismount.kind, SymbolKind.Function);
    assert.deepEqual(
      dismount.range,
      rangeOf(
        TEXT,
        '  - «id: dismount\n    action: database.dismount\n    with:\n      storageGroup: SG2\n      databases: [Archive]»\n',
      ),
    );
    assert.deepEqual(dismount.selectionRange, rangeOf(TEXT, 'id: «dismount»'));
  });
  test('a manual step is an event; a step without id is named by its number', () => {
    const third = byName(byName(symbols, 'steps').children, 'step 3');
    assert.equal(third.kind, SymbolKind.Event);
    assert.deepEqual(third.selectionRange, rangeOf(TEXT, '  - «a»ction: manual'));
  });
  test('server holds its storage groups, which hold their databases', () => {
    const server = byName(symbols, 'server');
    assert.equal(server.detail, 'EXCH01');
    assert.deepEqual(
      server.children!.map((g) => g.name),
      ['First Storage Group', 'SG2'],
    );
    const first = byName(server.children, 'First Storage Group');
    assert.deepEqual(first.selectionRange, rangeOf(TEXT, '- name: «First Storage Group»'));
    assert.deepEqual(
      first.children!.map((d) => d.name),
      ['Mailbox Store', 'Sales, West'],
    );
  });
  test('every selectionRange lies inside its range (VS Code rejects the outline otherwise)', () => {
    const check = (s: DocumentSymbol) => {
      const inRange = (p: { line: number; character: number }) =>
        (p.line > s.range.start.line || (p.line === s.range.start.line && p.character >= s.range.start.character)) &&
        (p.line < s.range.end.line || (p.line === s.range.end.line && p.character <= s.range.end.character));
      assert.ok(inRange(s.selectionRange.start) && inRange(s.selectionRange.end), s.name);
      s.children?.forEach(check);
    };
    symbols.forEach(check);
  });
});

describe('folding ranges', () => {
  const folds = svc.foldingRanges(URI, TEXT);
  const lineOf = (marked: string) => rangeOf(TEXT, marked).start.line;
  const has = (startLine: number, endLine: number, kind?: string) =>
    assert.ok(
      folds.some((f) => f.startLine === startLine && f.endLine === endLine && f.kind === kind),
      `fold ${startLine}-${endLine} in ${JSON.stringify(folds)}`,
    );
  const dismountEnd = lineOf('databases: [«Archive»]\n  - action');
  test('server, steps and each step', () => {
    has(lineOf('«server»:'), lineOf('- name: SG2\n      databases: [«Archive»]'));
    has(lineOf('«steps»:'), lineOf('action: database.restore\n    with:\n      «storageGroup»'));
    has(lineOf('  - id: «confirm»'), lineOf('with: { «item»'));
    has(lineOf('  - id: «dismount»'), dismountEnd);
  });
  test('a with: block of several lines folds; a one-line flow with: does not', () => {
    has(lineOf('    «with»:\n      storageGroup: SG2\n      databases'), dismountEnd);
    assert.ok(!folds.some((f) => f.startLine === lineOf('with: { «item»')));
  });
  test('a comment block', () => {
    has(lineOf('# «Take»'), lineOf('# «before»'), FoldingRangeKind.Comment);
  });
});

describe('10,000 steps', () => {
  const n = 10_000;
  const steps: string[] = [];
  for (let i = 0; i < n; i++)
    steps.push(`  - id: step-${i}\n    action: manual\n    with:\n      note: ${i}\n      more: ${i}\n`);
  const big = runbook(steps.join(''));
  test('every step gets a symbol and a fold, no cut-off, in a linear pass', () => {
    const fresh = service();
    fresh.parsed(URI, big); // parsing is not what this test measures
    const t0 = performance.now();
    const symbols = fresh.documentSymbols(URI, big);
    const folds = fresh.foldingRanges(URI, big);
    const ms = performance.now() - t0;
    const children = byName(symbols, 'steps').children!;
    assert.equal(children.length, n);
    const last = children[n - 1];
    assert.equal(last.name, `step-${n - 1}`);
    assert.deepEqual(last.selectionRange, rangeOf(big, `id: «step-${n - 1}»`));
    assert.equal(folds.length, 1 + 1 + 2 * n, 'server, steps, and each step with its with: block');
    assert.ok(ms < 2000, `symbols and folds of ${n} steps took ${ms.toFixed(0)} ms`);
  });
});
