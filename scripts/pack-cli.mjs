// Builds the npm package of the `runbook` command and packs it: `node scripts/pack-cli.mjs [DEST]`.
// The package is cli/package.json (its version follows the root package's), the CLI bundled into
// one file with every dependency inside (so installing it needs nothing from the registry), and
// the rule pages and format reference that `runbook explain` prints. Prints the tarball's path.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, 'out', 'cli-package');
const dest = resolve(process.argv[2] ?? join(root, 'out'));

rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'dist'), { recursive: true });
await esbuild.build({
  entryPoints: [join(root, 'cli/src/main.ts')],
  outfile: join(stage, 'dist/runbook.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
});
const manifest = JSON.parse(readFileSync(join(root, 'cli/package.json'), 'utf8'));
manifest.version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
cpSync(join(root, 'cli/bin'), join(stage, 'bin'), { recursive: true });
cpSync(join(root, 'cli/README.md'), join(stage, 'README.md'));
cpSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
mkdirSync(join(stage, 'dist/docs'));
cpSync(join(root, 'docs/rules'), join(stage, 'dist/docs/rules'), { recursive: true });
cpSync(join(root, 'docs/format.md'), join(stage, 'dist/docs/format.md'));
cpSync(join(root, 'docs/cli.md'), join(stage, 'dist/docs/cli.md'));
mkdirSync(dest, { recursive: true });
const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: stage, encoding: 'utf8' });
const [info] = JSON.parse(out);
console.log(join(dest, info.filename));
