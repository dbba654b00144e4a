/**
 * Seeded fuzz of `runbook lint` through the built CLI: mutated example runbooks, linted in batches
 * (one process per batch, as a user linting a folder). No crash (exit 0 or 1, no stack trace), and
 * every reported position inside its file's lines as LSP counts them. 1,600 cases by default (the server fuzz adds 400);
 * RUNBOOK_FUZZ_SCALE multiplies them, RUNBOOK_FUZZ_SEED replays another run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { baseFor, examples, FUZZ_SCALE, FUZZ_SEED, lspLines, mutate, rng } from './mutate';

const CLI = resolve(__dirname, '../../../out/cli.js');
const CASES = Math.round(1600 * FUZZ_SCALE);
const BATCH = 400;

interface Problem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

test(`lint survives ${CASES} mutated runbooks (seed ${FUZZ_SEED}), every position inside its line`, () => {
  const random = rng(FUZZ_SEED);
  const bases = examples();
  let checked = 0;
  let problems = 0;
  for (let start = 0; start < CASES; start += BATCH) {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-fuzz-'));
    try {
      const texts = new Map<string, string>();
      for (let i = start; i < Math.min(CASES, start + BATCH); i++) {
        const name = `case-${i}.runbook.yaml`;
        const text = mutate(baseFor(bases, i, random), random);
        writeFileSync(join(dir, name), text);
        texts.set(name, readFileSync(join(dir, name), 'utf8'));
      }
      const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '.'], {
        cwd: dir,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      assert.ok(
        r.status === 0 || r.status === 1,
        `exit ${r.status} (${r.signal}) in batch from case ${start}: ${r.stderr.slice(0, 2000)}`,
      );
      assert.doesNotMatch(r.stderr, /\n\s+at |Error:/, 'no stack trace');
      // Format version 1: an envelope whose `problems` holds the findings (docs/cli.md).
      for (const p of (JSON.parse(r.stdout) as { problems: Problem[] }).problems) {
        const lines = lspLines(texts.get(p.file.replace(/^\.\//, ''))!);
        for (const [line, col, what] of [
          [p.line, p.column, 'start'],
          [p.endLine, p.endColumn, 'end'],
        ] as const) {
          assert.ok(line >= 1 && line <= lines.length, `${p.file}: ${what} line ${line} of ${lines.length}`);
          assert.ok(
            col >= 1 && col <= lines[line - 1].length + 1,
            `${p.file}:${line}:${col} ${what} past the line's end`,
          );
        }
        problems++;
      }
      checked += texts.size;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  assert.equal(checked, CASES);
  assert.ok(problems > CASES, `the mutations produce problems (${problems})`);
});
