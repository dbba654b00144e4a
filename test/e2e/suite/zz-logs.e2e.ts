// Runs last (files load in name order): after every other suite has exercised the extension,
// its extension host log and language server log hold no error of ours.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

function logFiles(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) logFiles(p, out);
    else if (name.endsWith('.log')) out.push(p);
  }
  return out;
}

describe('logs', () => {
  const userData = process.env.RUNBOOK_E2E_USER_DATA;

  it('the extension activated without errors in the extension host log', function () {
    if (!userData) this.skip(); // desktop launcher: VS Code keeps its logs elsewhere
    const files = logFiles(path.join(userData!, 'logs'));
    const host = files.filter((f) => /exthost\d*[\\/](remote)?exthost\.log$/i.test(f));
    assert.ok(host.length > 0, `no extension host log under ${userData}`);
    const text = host.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.match(text, /_doActivateExtension runbook-studio\.runbook-studio/);
    const ours = text
      .split('\n')
      .map((l) => l.replace(/runbook-e2e-\w+/g, '<tmp>'))
      .filter((l) => /runbook/i.test(l) && /\[(error|warning)\]|uses a document selector without scheme/i.test(l));
    assert.deepStrictEqual(ours, []);
  });

  it('the language server logged no error, unhandled rejection or exception', function () {
    if (!userData) this.skip();
    const server = logFiles(path.join(userData!, 'logs')).filter((f) => f.endsWith('Runbook Language Server.log'));
    assert.ok(server.length > 0, 'no language server log');
    const text = server.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    assert.doesNotMatch(text, /\[Error|Unhandled|Uncaught|failed:/);
  });
});
