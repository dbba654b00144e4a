/**
 * The documentation that ships with the code: `docs/rules/<id>.md` and `docs/format.md`, found
 * beside the running bundle. In a checkout and in the .vsix the bundle is `out/*.js` and the pages
 * are in `../docs`; in the npm package of the CLI the bundle is `dist/runbook.js` and the pages
 * are copied to `dist/docs`. Nothing here reaches the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The folder holding `rules/` and `format.md`, or undefined when the pages were not shipped. */
export function docsFolder(from: string = __dirname): string | undefined {
  return [join(from, 'docs'), resolve(from, '..', 'docs'), resolve(from, '..', '..', 'docs')].find((d) =>
    existsSync(join(d, 'rules')),
  );
}

/** The page of a rule or diagnostic code, as Markdown, or undefined when there is none. */
export function rulePage(id: string, folder = docsFolder()): string | undefined {
  if (!folder || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return undefined;
  const path = join(folder, 'rules', `${id}.md`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The path of a rule's page on disk (for `file:` links), or undefined. */
export function rulePagePath(id: string, folder = docsFolder()): string | undefined {
  if (!folder || !/^[a-z0-9][a-z0-9-]*$/.test(id)) return undefined;
  const path = join(folder, 'rules', `${id}.md`);
  return existsSync(path) ? path : undefined;
}
