// Bundles every entry point into one file each (see docs/ARCHITECTURE.md, "Build").
// Type-checking is a separate step (`npm run typecheck`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

/** Entries that exist; later issues add files, and a missing one must not break the build. */
function present(entries) {
  return entries.filter((e) => existsSync(e.in));
}

const e2eSuites = existsSync('test/e2e/suite')
  ? readdirSync('test/e2e/suite')
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ in: `test/e2e/suite/${f}`, out: `test/e2e/${f.replace(/\.ts$/, '')}` }))
  : [];

const builds = [
  // The extension host side: `vscode` is provided by the editor at run time.
  {
    ...common,
    entryPoints: present([{ in: 'client/src/extension.ts', out: 'client' }]),
    outdir: 'out',
    external: ['vscode'],
  },
  // The language server and the CLI bundle everything: they run with plain Node.
  {
    ...common,
    entryPoints: present([
      { in: 'server/src/server.ts', out: 'server' },
      { in: 'cli/src/main.ts', out: 'cli' },
    ]),
    outdir: 'out',
    // ES modules among the dependencies (fdir, under tinyglobby) read `import.meta.url`; a CommonJS
    // bundle has none, so give them the bundle's own file URL.
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  },
  // The checklist page runs in the webview (a browser), not in Node.
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    entryPoints: present([{ in: 'client/webview/main.ts', out: 'webview' }]),
    outdir: 'out',
  },
  // End-to-end suites run inside the editor's extension host.
  { ...common, entryPoints: present(e2eSuites), outdir: 'out', external: ['vscode', 'mocha'] },
].filter((b) => b.entryPoints.length > 0);

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
