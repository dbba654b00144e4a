import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../../core/records/sha256';
import { sha256 as installedSha256, useSha256 } from '../../../core/records/digest';
import { nodeSha256 as node } from '../../../node/hash';
import { createLanguageService } from '../../../core/service';
import { planFromParsed, stepDigests } from '../../../core/records/plan';

describe('pure sha256 (the record model runs without Node crypto)', () => {
  const cases = [
    '',
    'abc',
    'a'.repeat(55),
    'a'.repeat(56),
    'a'.repeat(64),
    'a'.repeat(1000),
    'Größe ✓ 日本語 😀',
    '\ud800 lone',
    'x\r\ny\n',
  ];
  for (const c of cases) {
    it(`matches Node's crypto for ${JSON.stringify(c.slice(0, 20))} (${c.length} chars)`, () => {
      assert.equal(sha256Hex(c), node(c));
    });
  }
  it('matches on 2,000 random strings of every length up to 300', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 2000; i++) {
      let s = '';
      const n = Math.floor(rnd() * 300);
      for (let j = 0; j < n; j++)
        s += String.fromCharCode(rnd() < 0.9 ? 32 + Math.floor(rnd() * 95) : Math.floor(rnd() * 0xffff));
      assert.equal(sha256Hex(s), node(s), `case ${i}`);
    }
  });
});

describe('the hash a host installs (Node crypto in the CLI and server) gives the same plan', () => {
  it('same runbook sha256 and step digests with the pure and the native SHA-256', () => {
    const text = readFileSync(join(__dirname, '../../../examples/database-restore.runbook.yaml'), 'utf8');
    // A fresh service per plan: plans are cached per parse.
    const plan = () => planFromParsed(createLanguageService().parsed('file:///w/r.runbook.yaml', text));
    let calls = 0;
    try {
      useSha256(sha256Hex);
      const pure = plan();
      useSha256((t) => (calls++, node(t)));
      const native = plan();
      assert.ok(calls > pure.steps.length, 'the installed hash is the one used');
      assert.equal(native.sha256, pure.sha256);
      assert.deepEqual(stepDigests(native), stepDigests(pure));
      assert.equal(installedSha256('abc'), sha256Hex('abc'));
    } finally {
      useSha256(sha256Hex);
    }
  });
});
