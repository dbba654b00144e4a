// Test entry point the editor loads via `extensionTestsPath` (desktop or code-server).
// esbuild bundles each file in test/e2e/suite/ to its own out/test/e2e/<name>.js, so the
// suites cannot be imported here: they are found next to this bundle at run time instead.
// `mocha` stays external and resolves from the repo's node_modules (the extension
// development path is the repo, so its devDependencies are reachable).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';

export function run(): Promise<void> {
  // Failure stacks then point at the .ts lines (the bundles ship .js.map files).
  process.setSourceMapsEnabled(true);
  // mocha 12 is an ES module: require() (Node >= 20.19) returns its namespace, the class is `default`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('mocha');
  const Mocha: typeof MochaType = mod.default ?? mod;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false, // the output is relayed through the browser console or a pipe, not a TTY
    timeout: Number(process.env.RUNBOOK_E2E_TEST_TIMEOUT ?? 60_000), // editor start-up is slow on 2 cores
    grep: process.env.RUNBOOK_E2E_GREP || undefined,
  });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.e2e.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
