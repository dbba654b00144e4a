/**
 * The import graph between the project's areas, read from the sources (relative imports only).
 * `npx tsx scripts/import-graph.ts` prints it as the table docs/ARCHITECTURE.md shows;
 * test/unit/importGraph.test.ts asserts that no edge points the wrong way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..');

/** Areas from the most specific prefix to the least; the first that matches names a file's area. */
export const AREAS = [
  'core/model',
  'core/rules',
  'core/service',
  'core/records',
  'node',
  'server/src/protocol.ts',
  'server',
  'cli',
  'client/webview',
  'client/src',
] as const;

export function areaOf(repoPath: string): string | undefined {
  return AREAS.find((a) => repoPath === a || repoPath.startsWith(a.endsWith('.ts') ? a : `${a}/`));
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.ts$/.test(name)) out.push(p);
  }
  return out;
}

/** `from → to` with the number of import statements, for product code only (no tests, bench, scripts). */
export function importGraph(): Map<string, number> {
  const edges = new Map<string, number>();
  for (const top of ['core', 'node', 'server', 'cli', 'client']) {
    for (const file of sources(join(ROOT, top))) {
      const from = areaOf(relative(ROOT, file).split('\\').join('/'));
      if (!from) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = relative(ROOT, resolve(dirname(file), m[1]))
          .split('\\')
          .join('/');
        const to = areaOf(`${target}.ts`) ?? areaOf(target);
        if (!to || to === from) continue;
        const key = `${from} → ${to}`;
        edges.set(key, (edges.get(key) ?? 0) + 1);
      }
    }
  }
  return edges;
}

if (require.main === module) {
  for (const [edge, n] of [...importGraph()].sort()) console.log(`${edge}  (${n})`);
}
