/**
 * The server's V8 code cache (node/codeCache.ts): a second start takes the cache the first one
 * wrote, a changed bundle is not run from a stale cache, and a cache folder that cannot be
 * written, or that others could write, never stops the bundle from running.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const work = mkdtempSync(join(tmpdir(), 'code-cache-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

const bundle = join(work, 'bundle.js');
/** A bundle as esbuild writes one: CommonJS, uses require, __dirname and module, asks for the save. */
function writeBundle(answer: string): void {
  writeFileSync(
    bundle,
    `const { join } = require('node:path');
     module.exports.answer = ${JSON.stringify(answer)};
     process.stdout.write(JSON.stringify({ answer: module.exports.answer, dir: join(__dirname, '.') }) + '\\n');
     globalThis[Symbol.for('runbook-studio.saveCodeCache')]?.();`,
  );
}

const loader = join(work, 'loader.ts');
writeFileSync(
  loader,
  `import { runWithCodeCache } from ${JSON.stringify(resolve(__dirname, '../../../node/codeCache.ts'))};
   const { cached } = runWithCodeCache(${JSON.stringify(bundle)});
   process.stdout.write(JSON.stringify({ cached }) + '\\n');`,
);

function start(env: Record<string, string>): { answer: string; dir: string; cached: boolean } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', loader], {
    env: { ...process.env, RUNBOOK_CODE_CACHE: '', ...env },
    encoding: 'utf8',
  });
  const [ran, loaded] = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { answer: ran.answer as string, dir: ran.dir as string, cached: loaded.cached as boolean };
}

test('the first start writes the cache, the next one runs from it', () => {
  const dir = join(work, 'cache-a');
  writeBundle('one');
  const first = start({ RUNBOOK_CODE_CACHE_DIR: dir });
  assert.deepEqual(first, { answer: 'one', dir: work, cached: false });
  assert.equal(readdirSync(dir).filter((f) => f.endsWith('.v8cache')).length, 1);
  assert.deepEqual(start({ RUNBOOK_CODE_CACHE_DIR: dir }), { answer: 'one', dir: work, cached: true });
});

test('a changed bundle runs its own code, not the cached one', () => {
  const dir = join(work, 'cache-b');
  writeBundle('old');
  start({ RUNBOOK_CODE_CACHE_DIR: dir });
  writeBundle('new, and longer than the old one');
  const next = start({ RUNBOOK_CODE_CACHE_DIR: dir });
  assert.equal(next.answer, 'new, and longer than the old one');
  assert.equal(next.cached, false);
});

test('a folder that cannot be written, or that others can write, is not used and breaks nothing', () => {
  writeBundle('still runs');
  const file = join(work, 'a-file');
  writeFileSync(file, '');
  // A path below a file cannot be created.
  assert.deepEqual(start({ RUNBOOK_CODE_CACHE_DIR: join(file, 'cache') }), {
    answer: 'still runs',
    dir: work,
    cached: false,
  });
  if (process.platform !== 'win32') {
    const open = join(work, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    start({ RUNBOOK_CODE_CACHE_DIR: open });
    assert.deepEqual(readdirSync(open), [], 'nothing written where other users could plant a cache');
    assert.equal(start({ RUNBOOK_CODE_CACHE_DIR: open }).cached, false);
  }
});

test('RUNBOOK_CODE_CACHE=0 turns it off', () => {
  const dir = join(work, 'cache-off');
  writeBundle('off');
  start({ RUNBOOK_CODE_CACHE_DIR: dir, RUNBOOK_CODE_CACHE: '0' });
  assert.throws(() => readdirSync(dir));
});
