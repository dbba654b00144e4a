/**
 * Seeded fuzz of the language server over the real protocol: each mutated example runbook is
 * opened, its diagnostics awaited, and a round of requests sent at random positions (hover,
 * completion, definition, references, highlights, symbols, folding, code lenses, code actions for
 * the diagnostics it got). Every request is answered, no range leaves its line, the server never
 * exits. 400 documents by default (the CLI fuzz adds 1,600); RUNBOOK_FUZZ_SCALE multiplies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  ReferencesRequest,
  type Diagnostic,
  type Position,
  type Range,
} from 'vscode-languageserver-protocol';
import { startServer } from './lspClient';
import { baseFor, examples, FUZZ_SCALE, FUZZ_SEED, lspLines, mutate, rng } from '../unit/fuzz/mutate';

const CASES = Math.round(400 * FUZZ_SCALE);

function assertRange(lines: string[], r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} of ${lines.length}`);
    assert.ok(
      p.character >= 0 && p.character <= lines[p.line].length,
      `${what}: ${p.line}:${p.character} past the line`,
    );
  }
}

/** Every `range` (and `selectionRange`) found anywhere in a result. */
function rangesIn(value: unknown, out: Range[] = []): Range[] {
  if (!value || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) rangesIn(v, out);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if ((k === 'range' || k === 'selectionRange') && v && typeof v === 'object' && 'start' in v) out.push(v as Range);
    else if (k !== 'changes' && k !== 'edit') rangesIn(v, out);
  }
  return out;
}

test(`the server answers every request on ${CASES} mutated runbooks (seed ${FUZZ_SEED})`, async () => {
  const session = await startServer();
  const random = rng(FUZZ_SEED + 1);
  const bases = examples();
  let requests = 0;
  try {
    for (let i = 0; i < CASES; i++) {
      const uri = `file:///fuzz/case-${i}.runbook.yaml`;
      const text = mutate(baseFor(bases, i, random), random);
      const lines = lspLines(text);
      const published = session.nextDiagnostics(uri);
      session.open(uri, text);
      const { diagnostics } = await published;
      for (const d of diagnostics) assertRange(lines, d.range, `case ${i} diagnostic ${d.code}`);
      const line = Math.floor(random() * lines.length);
      const position: Position = { line, character: Math.floor(random() * (lines[line].length + 1)) };
      const doc = { textDocument: { uri } };
      const near: Diagnostic[] = diagnostics.slice(0, 3);
      const results = await Promise.all([
        session.connection.sendRequest(HoverRequest.type, { ...doc, position }),
        session.connection.sendRequest(CompletionRequest.type, { ...doc, position }),
        session.connection.sendRequest(DefinitionRequest.type, { ...doc, position }),
        session.connection.sendRequest(ReferencesRequest.type, {
          ...doc,
          position,
          context: { includeDeclaration: true },
        }),
        session.connection.sendRequest(DocumentHighlightRequest.type, { ...doc, position }),
        session.connection.sendRequest(DocumentSymbolRequest.type, doc),
        session.connection.sendRequest(FoldingRangeRequest.type, doc),
        session.connection.sendRequest(CodeLensRequest.type, doc),
        session.connection.sendRequest(CodeActionRequest.type, {
          ...doc,
          range: near[0]?.range ?? { start: position, end: position },
          context: { diagnostics: near },
        }),
      ]);
      requests += results.length;
      for (const r of rangesIn(results.slice(0, 8))) assertRange(lines, r, `case ${i} result`);
      for (const fl of (results[6] ?? []) as { startLine: number; endLine: number }[])
        assert.ok(fl.startLine >= 0 && fl.endLine < lines.length, `case ${i} folding ${fl.startLine}-${fl.endLine}`);
      session.close(uri);
      assert.equal(session.process.exitCode, null, `the server exited at case ${i}`);
    }
  } finally {
    await session.stop();
  }
  assert.equal(requests, CASES * 9);
  assert.doesNotMatch(session.stderr(), /Uncaught exception|Unhandled rejection/);
});
