// Lint: the pure language service may not reach the editor, the LSP connection or the disk,
// so the server, the CLI and the tests can all share it (docs/ARCHITECTURE.md).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.cache/**', 'bench/tmp/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/service/**/*.ts', 'server/src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'The language service is pure: no editor API.' },
          { name: 'fs', message: 'The language service is pure: the host reads files.' },
          { name: 'node:fs', message: 'The language service is pure: the host reads files.' },
          { name: 'fs/promises', message: 'The language service is pure: the host reads files.' },
          { name: 'node:fs/promises', message: 'The language service is pure: the host reads files.' },
          { name: 'vscode-languageserver', message: 'Use vscode-languageserver-types: the service never sees the connection.' },
          { name: 'vscode-languageserver/node', message: 'The service never sees the connection.' },
        ],
        patterns: [{ group: ['vscode-languageserver/*', 'vscode-languageclient*'], message: 'The service never sees the connection.' }],
      }],
    },
  },
);
