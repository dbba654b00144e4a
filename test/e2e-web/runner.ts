// A minimal describe/it/before runner for the web run. Mocha's browser build cannot be bundled
// here: its UMD wrapper sees the CommonJS `module` the web worker host wraps every extension file
// in, and writes itself over the test bundle's exports instead of onto globalThis. The suite
// needs only describe, it and before, run in order, each test with a time limit; the summary
// uses mocha's wording ("N passing", "N failing"), which scripts/test-all.mjs counts.

type Body = () => void | Promise<void>;
interface Suite {
  title: string;
  before: Body[];
  tests: { title: string; body: Body }[];
}

const suites: Suite[] = [];
let current: Suite | undefined;

export function describe(title: string, body: () => void): void {
  current = { title, before: [], tests: [] };
  suites.push(current);
  body();
  current = undefined;
}

export function before(body: Body): void {
  if (!current) throw new Error('before() outside describe()');
  current.before.push(body);
}

export function it(title: string, body: Body): void {
  if (!current) throw new Error('it() outside describe()');
  current.tests.push({ title, body });
}

function withLimit(body: Body, ms: number, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ms} ms`)), ms);
  });
  return Promise.race([Promise.resolve().then(body), limit]).finally(() => clearTimeout(timer));
}

/** Runs every suite; resolves with the number of failed tests (a failed `before` fails its suite's tests). */
export async function runSuites(timeoutMs: number): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const suite of suites) {
    console.log(`  ${suite.title}`);
    let setupError: Error | undefined;
    for (const b of suite.before) {
      try {
        await withLimit(b, timeoutMs, 'before');
      } catch (err) {
        setupError = err as Error;
        break;
      }
    }
    for (const test of suite.tests) {
      try {
        if (setupError) throw setupError;
        await withLimit(test.body, timeoutMs, test.title);
        passed++;
        console.log(`    ok: ${test.title}`);
      } catch (err) {
        failed++;
        console.error(`    FAILED: ${test.title}\n      ${(err as Error).stack ?? String(err)}`);
      }
    }
  }
  console.log(`\n  ${passed} passing\n  ${failed} failing`);
  return failed;
}
