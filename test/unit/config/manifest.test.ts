/**
 * Onboarding contributions that can be checked without VS Code: every command a walkthrough,
 * welcome view or key names is declared and registered, media files ship, and the trace setting
 * has the name the language client reads (`<client id>.trace.server`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const c = manifest.contributes;
const declared = new Set<string>(c.commands.map((x: { command: string }) => x.command));

/** Command ids registered by the client: the sources name each one in a string. */
function registeredIds(): Set<string> {
  const ids = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts'))
        for (const m of readFileSync(p, 'utf8').matchAll(/'(runbook\.[A-Za-z]+)'/g)) ids.add(m[1]);
    }
  };
  walk(join(root, 'client/src'));
  walk(join(root, 'server/src'));
  return ids;
}

function commandLinks(text: string): string[] {
  return [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
}

test('walkthrough, welcome and key commands are declared, and ours are registered', () => {
  const registered = registeredIds();
  const used = [
    ...c.walkthroughs.flatMap((w: { steps: { description: string }[] }) =>
      w.steps.flatMap((s) => commandLinks(s.description)),
    ),
    ...c.viewsWelcome.flatMap((v: { contents: string }) => commandLinks(v.contents)),
    ...c.keybindings.map((k: { command: string }) => k.command),
  ];
  assert.ok(used.includes('runbook.newRunbook') && used.includes('runbook.tickStepAtCursor'));
  for (const id of used) {
    if (id.startsWith('workbench.')) continue;
    assert.ok(declared.has(id), `${id} is declared`);
    assert.ok(registered.has(id), `${id} is registered`);
  }
});

test('walkthrough media exist and ship; welcome views are on tree views only (webview views show none)', () => {
  for (const w of c.walkthroughs)
    for (const s of w.steps) assert.ok(existsSync(join(root, s.media.markdown)), s.media.markdown);
  assert.match(readFileSync(join(root, '.vscodeignore'), 'utf8'), /^!media\/\*\*$/m);
  const webviewViews = new Set(
    Object.values(c.views)
      .flat()
      .filter((v) => (v as { type?: string }).type === 'webview')
      .map((v) => (v as { id: string }).id),
  );
  for (const v of c.viewsWelcome) assert.ok(!webviewViews.has(v.view), v.view);
  const walkthroughLink = c.viewsWelcome.map((v: { contents: string }) => v.contents).join('\n');
  assert.ok(
    decodeURIComponent(walkthroughLink).includes(`"${manifest.publisher}.${manifest.name}#${c.walkthroughs[0].id}"`),
    'the Get Started link names this extension’s walkthrough',
  );
});

test('runbook.trace.server matches the language client id', () => {
  const client = readFileSync(join(root, 'client/src/languageClient.ts'), 'utf8');
  const id = /new LanguageClient\('([^']+)'/.exec(client)![1];
  assert.ok(c.configuration.properties[`${id}.trace.server`], `${id}.trace.server is declared`);
});

test('every bundle the extension loads at run time ships in the .vsix (.vscodeignore allowlist)', () => {
  // The e2e suite runs from the source tree, where out/ holds everything: only this test sees a
  // bundle that the package would leave out (the report page, the server's checker thread).
  const allow = new Set(
    readFileSync(join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!out/'))
      .map((l) => l.slice(1)),
  );
  const loaded = [
    manifest.main.replace(/^\.\//, ''),
    manifest.browser.replace(/^\.\//, ''),
    'out/server.js',
    'out/web/server.js',
    'out/webview.js',
    'out/reportView.js',
    // The bundle the loader out/server.js runs through the code cache (node/codeCache.ts); also the checker thread's script.
    'out/serverMain.js',
  ];
  for (const file of loaded) assert.ok(allow.has(file), `${file} is not in the .vscodeignore allowlist`);
  // Every name a source file joins onto out/ is one of them.
  for (const dir of ['client/src', 'server/src']) {
    for (const f of readdirSync(join(root, dir), { recursive: true }) as string[]) {
      if (!f.endsWith('.ts')) continue;
      const text = readFileSync(join(root, dir, f), 'utf8');
      for (const m of text.matchAll(/'out', '([\w./-]+\.js)'/g))
        assert.ok(allow.has(`out/${m[1]}`), `${dir}/${f} loads out/${m[1]}, which does not ship`);
    }
  }
});
