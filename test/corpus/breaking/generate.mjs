/**
 * Writes the breaking variants: each is one clean corpus runbook with one fact of the article
 * broken. The generated files are committed; this script is how they were made, so a variant can
 * be re-derived after its base changes (`node test/corpus/breaking/generate.mjs`).
 * Operations on the base text: replace (exactly one match), del (a step, by id), move (a step to
 * just after another), moveBefore (a step to just before another), insert (lines after a step),
 * top (lines at the top). With --check it writes nothing and fails when the files differ.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UNCOVERED, VARIANTS } from './variants.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const clean = join(here, '..', 'clean');

/** Line range [start, end) of a step: from its `- id:` line to the next step or the end of steps. */
function stepRange(lines, id) {
  const head = new RegExp(`^  - (\\{ ?"?id"?: "?${id}"?[,}\\s]|"?id"?: "?${id}"?\\s*(#.*)?$)`);
  const start = lines.findIndex((l) => head.test(l));
  if (start < 0) throw new Error(`no step '${id}'`);
  let end = start + 1;
  while (end < lines.length && !/^  - /.test(lines[end]) && !/^\S/.test(lines[end])) end++;
  // comment lines just above the next step belong to it
  while (end > start + 1 && /^\s*#/.test(lines[end - 1])) end--;
  return [start, end];
}

function apply(text, op) {
  if (op.replace) {
    const [from, to] = op.replace;
    const n = text.split(from).length - 1;
    if (n !== 1) throw new Error(`'${from}' occurs ${n} times`);
    return text.replace(from, () => to);
  }
  const lines = text.split('\n');
  if (op.del) {
    const [s, e] = stepRange(lines, op.del);
    lines.splice(s, e - s);
  } else if (op.move) {
    const [id, afterId] = op.move;
    const [s, e] = stepRange(lines, id);
    const block = lines.splice(s, e - s);
    const [, e2] = stepRange(lines, afterId);
    lines.splice(e2, 0, ...block);
  } else if (op.moveBefore) {
    const [id, beforeId] = op.moveBefore;
    const [s, e] = stepRange(lines, id);
    const block = lines.splice(s, e - s);
    const [s2] = stepRange(lines, beforeId);
    lines.splice(s2, 0, ...block);
  } else if (op.insert) {
    const [afterId, add] = op.insert;
    const [, e] = stepRange(lines, afterId);
    lines.splice(e, 0, ...add.split('\n'));
  } else if (op.top) {
    lines.unshift(...op.top.split('\n'));
  } else throw new Error(`unknown op ${JSON.stringify(op)}`);
  return lines.join('\n');
}

const uncovered = join(here, '..', 'uncovered');

/** Every variant's path and text, derived from the clean corpus. */
function build() {
  const files = new Map();
  for (const v of [...VARIANTS, ...UNCOVERED]) {
    let raw = readFileSync(join(clean, `${v.base}.runbook.yaml`), 'utf8');
    const bom = raw.startsWith('\uFEFF');
    if (bom) raw = raw.slice(1);
    const crlf = raw.includes('\r\n');
    let text = crlf ? raw.replace(/\r\n/g, '\n') : raw;
    try {
      for (const op of v.ops) text = apply(text, op);
    } catch (e) {
      throw new Error(`${v.rule}/${v.name}: ${e.message}`);
    }
    const candidate = v.candidate ? `# candidate: ${v.candidate}\n` : '';
    text = `# expect: ${v.rule}\n# fact: ${v.fact}\n# base: test/corpus/clean/${v.base}.runbook.yaml\n${candidate}${text}`;
    if (crlf) text = text.replace(/\n/g, '\r\n');
    const out =
      v.rule === 'any' ? join(uncovered, `${v.name}.runbook.yaml`) : join(here, v.rule, `${v.name}.runbook.yaml`);
    if (files.has(out)) throw new Error(`two variants write ${out}`);
    files.set(out, (bom ? '\uFEFF' : '') + text);
  }
  return files;
}

/** The variant files on disk now. */
function onDisk() {
  const dirs = [
    uncovered,
    ...readdirSync(here, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(here, d.name)),
  ];
  return dirs.flatMap((d) =>
    existsSync(d)
      ? readdirSync(d)
          .filter((f) => f.endsWith('.runbook.yaml'))
          .map((f) => join(d, f))
      : [],
  );
}

const files = build();
if (process.argv.includes('--check')) {
  // Used by test/unit/corpus.test.ts: the committed variants must be what the clean corpus gives.
  const stale = [...files].filter(([path, text]) => !existsSync(path) || readFileSync(path, 'utf8') !== text);
  const extra = onDisk().filter((path) => !files.has(path));
  for (const [path] of stale) console.error(`out of date: ${path}`);
  for (const path of extra) console.error(`not made by variants.mjs: ${path}`);
  if (stale.length || extra.length) {
    console.error('run: node test/corpus/breaking/generate.mjs');
    process.exit(1);
  }
} else {
  for (const dir of readdirSync(here, { withFileTypes: true }))
    if (dir.isDirectory()) rmSync(join(here, dir.name), { recursive: true });
  rmSync(uncovered, { recursive: true, force: true });
  for (const [path, text] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  console.log(`${VARIANTS.length} breaking and ${UNCOVERED.length} uncovered variants written`);
}
