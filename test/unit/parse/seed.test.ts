/**
 * The first parse of a document is one whole parse whose step items seed the chunk cache
 * (core/model/parse/seed.ts). It must give exactly what parsing each chunk on its own gives:
 * the same steps, values, node ranges, spans, syntax problems and findings, on the examples and
 * on many generated runbooks (several batches of steps; comments between and after steps, block scalars, flow maps, quotes,
 * CRLF, keys after the steps), and the same again after edits that re-use the seeded steps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { ParseCache, parseRunbook, type ParsedRunbook } from '../../../core/model/parse/parseRunbook';
import { createLanguageService } from '../../../core/service';

/** Every node inside a step's node: its kind, ranges and scalar value, keys included. */
function shape(node: unknown): unknown {
  if (isMap(node))
    return {
      map: (node as Node).range,
      flow: node.flow ?? false,
      items: node.items.map((p) => [shape(p.key), shape(p.value)]),
    };
  if (isSeq(node)) return { seq: (node as Node).range, flow: node.flow ?? false, items: node.items.map(shape) };
  if (isScalar(node)) return { scalar: node.range, value: node.value, type: node.type };
  return node ?? null;
}

function summary(p: ParsedRunbook) {
  return {
    steps: p.steps.map((s) => ({
      index: s.index,
      id: s.id,
      action: s.action,
      value: s.value,
      span: s.span,
      anchor: s.anchor,
      label: s.label,
      base: s.base,
      node: shape(s.node),
    })),
    header: p.header,
    stepsKey: p.stepsKey,
    stepsValue: p.stepsValue,
    syntax: p.syntax,
    empty: p.empty,
    binaryAt: p.binaryAt,
  };
}

/** A cache that already saw a text, so its next parse is chunk by chunk (no seeding). */
function chunkByChunk(): ParseCache {
  const cache = new ParseCache();
  parseRunbook('', cache);
  return cache;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const ACTIONS = ['manual', 'prereq.confirm', 'database.dismount', 'database.mount', 'database.restore', 'backup.run'];

function generated(seed: number, atLeast = 16): string {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const indent = pick(['  ', '', '    ']);
  const lines = [
    'runbook: 1',
    'title: "Generated: restore"',
    'scenario: database-restore',
    'server:',
    '  name: EXCH01',
    'steps:',
  ];
  const n = atLeast + Math.floor(rnd() * 40);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.1) lines.push(`${indent}# about step ${i}`);
    if (r > 0.9) lines.push('');
    lines.push(`${indent}- id: s${i}`);
    lines.push(`${indent}  action: ${pick(ACTIONS)}`);
    const extra = rnd();
    if (extra < 0.2)
      lines.push(`${indent}  notes: |`, `${indent}    Line one of ${i}`, '', `${indent}    Line three: "quoted"`);
    else if (extra < 0.4)
      lines.push(`${indent}  with: { database: 'Mailbox Store (EXCH01)', storageGroup: First Storage Group }`);
    else if (extra < 0.55)
      lines.push(`${indent}  after: [s${Math.max(0, i - 1)}]`, `${indent}  title: 'It''s step ${i}' # trailing`);
    else if (extra < 0.7)
      lines.push(`${indent}  with:`, `${indent}    item: exchange-database-backup`, `${indent}    # inside`);
    else if (extra < 0.8)
      lines.push(`${indent}  evidence:`, `${indent}    - key: ticket`, `${indent}      optional: true`);
    else if (extra < 0.85) lines.push(`${indent}  title: "Ünïcödé ✓ step ${i}"`);
    if (rnd() < 0.1) lines.push(`${indent}  # trailing comment of ${i}`, '');
  }
  if (rnd() < 0.5) lines.push('# after the steps', 'rto: 4h');
  const text = `${lines.join('\n')}\n`;
  return rnd() < 0.2 ? text.replace(/\n/g, '\r\n') : text;
}

/** An example's steps repeated until there are at least 40 (ids renumbered to stay unique). */
function longer(text: string): string {
  const at = text.indexOf('\nsteps:\n');
  const head = text.slice(0, at + 8);
  const body = text.slice(at + 8);
  const copies = Array.from({ length: 6 }, (_, k) => body.replace(/(- id: )([a-z0-9-]+)/g, `$1$2-${k}`));
  return head + copies.join('');
}

const EXAMPLES = join(__dirname, '../../../examples');
const texts = [
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.runbook.yaml'))
    .map((f) => longer(readFileSync(join(EXAMPLES, f), 'utf8'))),
  ...Array.from({ length: 60 }, (_, i) => generated(i + 1)),
  // Several batches of 100 steps, the last one partial.
  ...[1, 2, 3].map((i) => generated(100 + i, 230)),
  // A duplicate key in the second batch: that batch is not seeded, the others are.
  generated(104, 230).replace(/(- id: s150\r?\n)( *action: [^\r\n]*\r?\n)/, '$1$2$2'),
];

test('a seeded first parse equals a chunk-by-chunk parse: steps, nodes, spans, problems', () => {
  for (const [i, text] of texts.entries()) {
    assert.ok(parseRunbook(text).steps.length >= 16, `runbook ${i} is long enough to be seeded`);
    assert.deepEqual(summary(parseRunbook(text)), summary(parseRunbook(text, chunkByChunk())), `runbook ${i}`);
  }
  assert.equal(parseRunbook(texts[texts.length - 1]).syntax.length, 1, 'the duplicate key is reported once');
});

test('a seeded first parse gives the same findings, and so do edits after it', () => {
  for (const [i, text] of texts.slice(0, 30).entries()) {
    const seeded = createLanguageService();
    const plain = createLanguageService();
    const uri = 'file:///w/x.runbook.yaml';
    // The plain service sees another text first, so its parse of `text` is chunk by chunk.
    plain.analyze(uri, 'runbook: 1\n');
    const edits = [
      text,
      text.replace(/- id: s3\b/, '- id: s3x'),
      `# top\n${text}`,
      text.replace('action: manual', 'action: manul'),
    ];
    for (const [k, t] of edits.entries()) {
      const a = seeded.analyze(uri, t);
      const b = plain.analyze(uri, t);
      assert.deepEqual(summary(a.parsed), summary(b.parsed), `runbook ${i}, edit ${k}`);
      // Steps re-used at a new offset (spans and anchors are cached per node) match fresh ones.
      assert.deepEqual(summary(a.parsed), summary(parseRunbook(t, chunkByChunk())), `runbook ${i}, edit ${k}, fresh`);
      assert.deepEqual(a.findings, b.findings, `runbook ${i}, edit ${k}`);
    }
  }
});
