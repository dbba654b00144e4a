import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importGraph } from '../../scripts/import-graph';

/**
 * Dependencies point one way: hosts (client, server, cli) and the Node layer import the pure core,
 * never the reverse; the server never imports a host; the client sees the server only through the
 * shared protocol file. Read from the real imports, so a wrong-way import fails `npm test`.
 */
const edges = [...importGraph().keys()];

const FORBIDDEN: [RegExp, string][] = [
  [/^core\/\S+ → (node|server|server\/src\/protocol\.ts|cli|client\/src|client\/webview)$/, 'the core imports no host'],
  [/^core\/model → core\/(rules|service|records)$/, 'the model is the bottom layer'],
  [/^core\/rules → core\/(service|records)$/, 'rules sit below the service'],
  [/^core\/records → core\/(rules|service)$/, 'records need only the model'],
  [/^node → (server|server\/src\/protocol\.ts|cli|client\/src|client\/webview)$/, 'the Node layer serves the hosts'],
  [/^server → (cli|client\/src|client\/webview)$/, 'the server imports no other host'],
  [/^cli → (server|server\/src\/protocol\.ts|client\/src|client\/webview)$/, 'the CLI imports no other host'],
  [/^client\/(src|webview) → server$/, 'the client sees the server only through server/src/protocol.ts'],
  [
    /^client\/(src|webview) → core\/(service|rules)$/,
    'the extension asks the language server; it builds no language service of its own',
  ],
];

test('the import graph has no edge pointing the wrong way', () => {
  const wrong = edges.flatMap((e) => FORBIDDEN.filter(([re]) => re.test(e)).map(([, why]) => `${e}: ${why}`));
  assert.deepEqual(wrong, []);
});

test('the graph is read from the real sources (the expected edges are there)', () => {
  for (const e of [
    'core/rules → core/model',
    'core/service → core/rules',
    'server → core/service',
    'cli → core/service',
    'client/src → server/src/protocol.ts',
  ]) {
    assert.ok(edges.includes(e), `missing ${e} in ${edges.join(', ')}`);
  }
});
