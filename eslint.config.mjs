// Lint: the pure core (core/) may not reach the editor, the LSP connection, Node or the other
// hosts, so the server, the CLI, the extension, the web worker and the tests all share it
// (docs/ARCHITECTURE.md, "The pure core"). core/tsconfig.json enforces the same from the types.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))];
const pure = 'The core is pure: the host (server/, cli/, node/, client/) does I/O and passes data in.';
const hosts = [
  '**/client/**',
  '**/server/**',
  '**/cli/**',
  '**/node/**',
  '!vscode-languageserver-types',
  '!vscode-languageserver-textdocument',
];

/** Bans for one layer of the core; `inner` lists the core layers it may not import (they depend on it). */
function coreLayer(files, inner) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: pure })),
            { name: 'vscode', message: 'The core is pure: no editor API.' },
            {
              name: 'vscode-languageserver',
              message: 'Use vscode-languageserver-types: the core never sees the connection.',
            },
            { name: 'vscode-languageclient', message: 'The core never sees the connection.' },
          ],
          patterns: [
            { group: ['node:*'], message: pure },
            {
              group: ['vscode-languageserver/*', 'vscode-languageclient/*'],
              message: 'The core never sees the connection.',
            },
            { group: hosts, message: 'The core never imports a host: hosts import the core.' },
            ...inner.map((layer) => ({
              group: [`**/${layer}`, `**/${layer}/**`],
              message: `Dependencies point one way (model ← rules ← service, model ← records): this layer may not import core/${layer}.`,
            })),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.cache/**', 'bench/tmp/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  coreLayer(['core/model/**/*.ts'], ['rules', 'service', 'records']),
  coreLayer(['core/rules/**/*.ts'], ['service', 'records']),
  coreLayer(['core/records/**/*.ts'], ['rules', 'service']),
  coreLayer(['core/service/**/*.ts'], ['records']),
);
