import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

/**
 * The lint config is the wall around the pure core: these cases must fail `npm run lint`, so a
 * Node or host import cannot slip into code the web worker and the webview also run.
 */
const eslint = new ESLint();

async function errorsFor(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = 1;\n`, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the pure core cannot import Node, the editor or a host', () => {
  const banned: [string, string][] = [
    ['core/model/probe.ts', "import 'node:fs';"],
    ['core/model/probe.ts', "import 'fs';"],
    ['core/records/probe.ts', "import { createHash } from 'node:crypto';"],
    ['core/service/probe.ts', "import 'node:path';"],
    ['core/rules/probe.ts', "import 'child_process';"],
    ['core/service/probe.ts', "import 'vscode';"],
    ['core/service/probe.ts', "import 'vscode-languageserver/node';"],
    ['core/service/features/probe.ts', "import '../../../client/src/extension';"],
    ['core/records/probe.ts', "import '../../node/recordFiles';"],
    ['core/model/probe.ts', "import '../../server/src/protocol';"],
    ['core/rules/probe.ts', "import '../../cli/src/main';"],
  ];
  for (const [file, source] of banned) {
    it(`${file}: ${source} is refused`, async () => {
      assert.ok((await errorsFor(file, source)).length > 0, 'expected a no-restricted-imports error');
    });
  }
});

describe('dependencies inside the core point one way', () => {
  it('the model may not import rules or the service', async () => {
    assert.ok((await errorsFor('core/model/parse/probe.ts', "import '../../rules/engine';")).length > 0);
    assert.ok((await errorsFor('core/model/probe.ts', "import '../service';")).length > 0);
  });
  it('rules may not import the service; records may not import rules', async () => {
    assert.ok((await errorsFor('core/rules/probe.ts', "import '../service';")).length > 0);
    assert.ok((await errorsFor('core/records/probe.ts', "import '../rules/engine';")).length > 0);
  });
  it('the allowed direction lints clean: rules → model, service → rules, records → model', async () => {
    assert.deepEqual(await errorsFor('core/rules/probe.ts', "import '../model/findings';"), []);
    assert.deepEqual(await errorsFor('core/service/probe.ts', "import '../rules/engine';"), []);
    assert.deepEqual(await errorsFor('core/records/probe.ts', "import '../model/secrets';"), []);
    assert.deepEqual(await errorsFor('core/model/probe.ts', "import 'yaml';"), []);
  });
  it('hosts may import Node', async () => {
    assert.deepEqual(await errorsFor('node/probe.ts', "import 'node:fs';"), []);
  });
});
