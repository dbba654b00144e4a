// Bundles every entry point into one file each (see docs/ARCHITECTURE.md, "Build").
// Type-checking is a separate step (`npm run typecheck`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

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

/**
 * The JSON Schema validators are compiled by ajv at build time (core/model/schema/
 * validators.generated.js, written by `npm run schema`): regenerate them when the catalogue or
 * the schema builder is newer, so a bundle never ships validators behind its catalogue.
 */
function refreshGeneratedValidators() {
  const targets = ['core/model/schema/validators.generated.js', 'core/rules/packs/packValidators.generated.js'];
  const sources = [
    ...readdirSync('core/model/catalogue').map((f) => `core/model/catalogue/${f}`),
    'core/model/schema/buildSchema.ts',
    'scripts/validatorsSource.ts',
    // The team pack validators: compiled here so no bundle compiles a schema (no eval) at run time.
    'core/rules/packs/packSchema.ts',
    'scripts/packValidatorsSource.ts',
  ];
  const built = Math.min(...targets.map((t) => (existsSync(t) ? statSync(t).mtimeMs : 0)));
  if (sources.every((f) => statSync(f).mtimeMs <= built)) return;
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/write-schema.ts'], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('esbuild.mjs: writing the generated validators failed');
}
refreshGeneratedValidators();

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
      // out/server.js is a small loader that runs out/serverMain.js through a V8 code cache
      // (node/codeCache.ts): a server started again compiles nothing. serverMain.js is also the
      // checker thread's script (nodeMain.ts): large runbooks are checked off the main thread.
      { in: 'server/src/nodeLoader.ts', out: 'server' },
      { in: 'server/src/nodeMain.ts', out: 'serverMain' },
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
    entryPoints: present([
      { in: 'client/webview/main.ts', out: 'webview' },
      { in: 'client/webview/report/main.ts', out: 'reportView' },
    ]),
    outdir: 'out',
  },
  // The web build (package.json `browser`): the extension in a web worker extension host and the
  // language server in a web worker of its own. No Node built-in resolves on this platform, so an
  // import of node/ or `fs` from these entries fails the build.
  {
    ...common,
    platform: 'browser',
    format: 'cjs', // the web worker host loads extensions as CommonJS with `vscode` supplied
    target: 'es2022',
    entryPoints: present([{ in: 'client/src/web/extension.ts', out: 'client' }]),
    outdir: 'out/web',
    external: ['vscode'],
  },
  {
    ...common,
    platform: 'browser',
    format: 'iife', // a classic worker script: no module loader in a worker started from a blob
    target: 'es2022',
    entryPoints: present([{ in: 'server/src/browserMain.ts', out: 'server' }]),
    outdir: 'out/web',
  },
  // The web run's tests load into the same web worker extension host as the web build.
  {
    ...common,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    entryPoints: present([{ in: 'test/e2e-web/index.ts', out: 'test/e2e-web/index' }]),
    outdir: 'out',
    external: ['vscode'],
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
