/**
 * Positions as LSP defines them: `\n`, `\r\n` and a lone `\r` each end a line, and no range ends
 * between the `\r` and the `\n` of a CRLF. Measured on the old code: `runbook: 1\rtitle: [x\r` got
 * diagnostics at line 0, characters 19–21 of a 10-character line, and CRLF ranges ended inside
 * the line break.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Position } from 'vscode-languageserver-types';
import { LineIndex } from '../../../core/model/text/lineIndex';
import { createLanguageService } from '../../../core/service';
import { RUNBOOK } from '../records/helpers';

/** The lines as LSP sees them, without their breaks. */
function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function assertInside(text: string, p: Position, what: string): void {
  const lines = lspLines(text);
  assert.ok(p.line < lines.length, `${what}: line ${p.line} of ${lines.length}`);
  assert.ok(p.character <= lines[p.line].length, `${what}: ${p.line}:${p.character} past the line's end`);
}

test('every offset maps inside its line, for \\n, \\r\\n, lone \\r and mixed texts', () => {
  for (const text of ['a\nbc\n', 'a\r\nbc\r\n', 'a\rbc\r', 'a\r\n\rb\n\r\nc', '\r\r\n\n', '']) {
    const index = new LineIndex(text);
    assert.equal(index.lineCount, lspLines(text).length, JSON.stringify(text));
    for (let o = 0; o <= text.length; o++) {
      const p = index.positionAt(o);
      assertInside(text, p, `${JSON.stringify(text)} @${o}`);
      // Round trip: an offset that is not inside a CRLF comes back as itself.
      if (!(text[o - 1] === '\r' && text[o] === '\n')) assert.equal(index.offsetAt(p), o);
    }
  }
});

test('a lone \\r ends a line; an offset inside a CRLF is moved before the \\r', () => {
  const lone = new LineIndex('runbook: 1\rtitle: [x\r');
  assert.deepEqual(lone.positionAt(11), { line: 1, character: 0 });
  assert.deepEqual(lone.positionAt(19), { line: 1, character: 8 });
  const crlf = new LineIndex('ab\r\ncd');
  assert.deepEqual(crlf.positionAt(3), { line: 0, character: 2 }, 'between \\r and \\n');
  assert.equal(crlf.lineEnd(0), 2);
  // Line starts computed on \n only by a caller are not trusted when the text has a lone \r.
  assert.equal(new LineIndex('a\rb\nc', [0, 4]).lineCount, 3);
});

test('diagnostics of runbooks with lone \\r and CRLF line breaks stay inside their lines', () => {
  const texts = [
    'runbook: 1\rtitle: [x\r',
    RUNBOOK.replace(/\n/g, '\r\n'),
    RUNBOOK.replace(/\n/g, '\r'),
    RUNBOOK.replace(/\n/g, '\r\n').replace('action: database.mount', 'action: database.mount\r\n    after: [nope]'),
    RUNBOOK.replace(/\n/g, '\r').replace('title: Restore', 'title: [Restore'),
  ];
  for (const text of texts) {
    const { diagnostics } = createLanguageService().analyze('file:///t.runbook.yaml', text);
    assert.ok(diagnostics.length > 0 || text === texts[1] || text === texts[2]);
    for (const d of diagnostics) {
      assertInside(text, d.range.start, String(d.message));
      assertInside(text, d.range.end, String(d.message));
    }
  }
});

test('the CLI prints file:line:col counted the same way', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cr-'));
  writeFileSync(join(dir, 'cr.runbook.yaml'), 'runbook: 1\rtitle: [x\r');
  const r = spawnSync(process.execPath, [resolve(__dirname, '../../../out/cli.js'), 'lint', 'cr.runbook.yaml'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const text = 'runbook: 1\rtitle: [x\r';
  const lines = lspLines(text);
  const positions = [...r.stdout.matchAll(/cr\.runbook\.yaml:(\d+):(\d+):/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.ok(positions.length > 0, r.stdout);
  for (const [line, col] of positions) {
    assert.ok(line <= lines.length, `line ${line}`);
    assert.ok(col <= lines[line - 1].length + 1, `${line}:${col} past the end of "${lines[line - 1]}"`);
  }
  assert.ok(
    positions.some(([line]) => line === 2),
    `the error on the title line: ${r.stdout}`,
  );
});
