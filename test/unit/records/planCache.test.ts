/** Plans of large runbooks kept between CLI runs (node/planCache.ts): same plan, never stale, never in the way. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedPlan, MIN_CACHED_CHARS, planCacheDir } from '../../../node/planCache';
import { planData, stepDigests } from '../../../core/records/plan';
import { generateRunbook } from '../../../bench/generate';
import { planOf } from './helpers';

function withDir(body: (dir: string, env: NodeJS.ProcessEnv) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'plan-cache-'));
  try {
    body(dir, { RUNBOOK_PLAN_CACHE: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** As plain data: a cached plan, like one sent over LSP, has no keys whose value is undefined. */
const data = (p: Parameters<typeof planData>[0]) => JSON.parse(JSON.stringify(planData(p))) as unknown;

const big = generateRunbook(1_200, false).text;

test('a large runbook is planned once; the next run gets the same plan without parsing', () => {
  assert.ok(big.length >= MIN_CACHED_CHARS);
  withDir((dir, env) => {
    let parses = 0;
    const make = (text: string) => () => (parses++, planOf(text));
    const first = cachedPlan(big, make(big), env);
    const second = cachedPlan(big, make(big), env);
    assert.equal(parses, 1);
    assert.deepEqual(data(second), data(first));
    assert.deepEqual(stepDigests(second), stepDigests(first));
    assert.equal(second.byId.size, first.byId.size);
    // Any change of the text misses.
    const edited = big.replace('title:', 'title: x');
    const other = cachedPlan(edited, make(edited), env);
    assert.equal(parses, 2);
    assert.notEqual(other.sha256, first.sha256);
    assert.equal(readdirSync(dir).length, 2);
  });
});

test('a damaged cache file is parsed over; small runbooks and RUNBOOK_PLAN_CACHE=off are never cached', () => {
  withDir((dir, env) => {
    let parses = 0;
    const first = cachedPlan(big, () => (parses++, planOf(big)), env);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file), '{"layout":1,');
    const again = cachedPlan(big, () => (parses++, planOf(big)), env);
    assert.equal(parses, 2);
    assert.deepEqual(data(again), data(first));
    // Someone else's plan under this text's name (hand-copied, say) is not taken.
    writeFileSync(
      join(dir, file),
      JSON.stringify({ layout: 1, build: 'x', plan: { ...planData(first), sha256: 'f'.repeat(64) } }),
    );
    cachedPlan(big, () => (parses++, planOf(big)), env);
    assert.equal(parses, 3);

    const small = planOf().steps.length ? 'runbook: 1\nsteps: []\n' : '';
    cachedPlan(small, () => planOf(small), env);
    assert.equal(readdirSync(dir).length, 1, 'no file for a small runbook');
  });
  assert.equal(planCacheDir({ RUNBOOK_PLAN_CACHE: 'off' }), undefined);
  let parses = 0;
  cachedPlan(big, () => (parses++, planOf(big)), { RUNBOOK_PLAN_CACHE: 'off' });
  cachedPlan(big, () => (parses++, planOf(big)), { RUNBOOK_PLAN_CACHE: 'off' });
  assert.equal(parses, 2);
  assert.match(planCacheDir({ XDG_CACHE_HOME: '/c' }) ?? '', /^\/c\/runbook-studio\/plans$/);
});

test('a cache folder others can write is neither read nor written: a planted plan is not taken', () => {
  withDir((dir, env) => {
    let parses = 0;
    const first = cachedPlan(big, () => (parses++, planOf(big)), env);
    const [file] = readdirSync(dir);
    // Someone else could have written this file: the folder is open to all.
    chmodSync(dir, 0o777);
    const again = cachedPlan(big, () => (parses++, planOf(big)), env);
    assert.equal(parses, 2, 'parsed again instead of trusting the folder');
    assert.deepEqual(data(again), data(first));
    rmSync(join(dir, file));
    cachedPlan(big, () => (parses++, planOf(big)), env);
    assert.deepEqual(readdirSync(dir), [], 'nothing written into a folder others can write');
  });
});
