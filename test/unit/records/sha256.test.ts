import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha256Hex } from '../../../core/records/sha256';

const node = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

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
