/**
 * The web build stays free of Node: both browser entries bundle for the browser platform (where
 * no Node built-in resolves), and the bundles reach nothing at run time but `vscode`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { build } from 'esbuild';

async function bundle(entry: string, format: 'cjs' | 'iife'): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format,
    target: 'es2022',
    external: ['vscode'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

for (const [entry, format] of [
  ['client/src/web/extension.ts', 'cjs'],
  ['server/src/browserMain.ts', 'iife'],
] as const) {
  test(`${entry} bundles for the browser and requires nothing but vscode`, async () => {
    const code = await bundle(entry, format);
    // ajv's code generator holds `require("ajv/dist/runtime/…")` as text for its standalone mode;
    // at run time it passes those functions in instead.
    const required = new Set(
      [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith('ajv/dist/runtime/')),
    );
    required.delete('vscode');
    assert.deepEqual([...required], []);
    // No Node global is touched except behind a typeof guard (minimatch in the client checks one).
    const bare = code
      .split('\n')
      .filter((l) => /\bprocess\.(env|on|cwd|platform)\b/.test(l) && !/typeof process/.test(l));
    assert.deepEqual(bare, []);
  });
}

test('a Node import on the web path fails the browser bundle', async () => {
  await assert.rejects(
    build({
      stdin: { contents: "import '../../../node/recordFiles';", resolveDir: resolve('client/src/web'), loader: 'ts' },
      bundle: true,
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    }),
    /Could not resolve "node:/,
  );
});
