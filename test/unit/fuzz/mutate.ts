/**
 * Seeded mutations of the example runbooks for the fuzz tests: the same seed gives the same
 * cases, so a failure can be replayed (`RUNBOOK_FUZZ_SEED`). The mutations aim at what broke
 * before: line breaks of every kind, deep nesting, aliases, long values, broken quotes and
 * brackets, binary characters, truncation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FUZZ_SEED = Number(process.env.RUNBOOK_FUZZ_SEED ?? 20261129);
/** Multiplies the default number of cases (`RUNBOOK_FUZZ_SCALE=10` for a long run). */
export const FUZZ_SCALE = Number(process.env.RUNBOOK_FUZZ_SCALE ?? 1);

const EXAMPLES = resolve(__dirname, '../../../examples');

export function examples(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.runbook.yaml'))
    .sort()
    .map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
}

/**
 * A base for case `i`: the header and first steps of an example (10 to 45 lines). Short bases
 * keep each case cheap, so the default run gets through thousands of them on a busy machine.
 */
export function baseFor(bases: readonly string[], i: number, random: () => number): string {
  const lines = bases[i % bases.length].split('\n');
  return lines.slice(0, 10 + Math.floor(random() * 36)).join('\n') + '\n';
}

/** mulberry32: small, fast, and the same everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '[',
  ']',
  '{',
  '}',
  ':',
  ': ',
  ',',
  '- ',
  '#',
  '&a ',
  '*a',
  '!',
  '|',
  '>',
  "'",
  '"',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\u0000',
  '\uFEFF',
  '\uD83D',
  '\uDE00',
  '😀',
  'é',
  '\\',
  '%',
  '@',
  '`',
  '---\n',
  '...\n',
  '? ',
  'after: [',
  'id: ',
  'action: ',
  'password: Winter2003!',
  'restore-tuesday-incremental-1023',
  '    ',
  '  - id: x\n    action: manual\n',
];

export function mutate(text: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const at = () => Math.floor(random() * (text.length + 1));
  const rounds = 1 + Math.floor(random() * 4);
  for (let r = 0; r < rounds; r++) {
    const kind = Math.floor(random() * 12);
    const i = at();
    switch (kind) {
      case 0: // delete a range
        text = text.slice(0, i) + text.slice(Math.min(text.length, i + Math.floor(random() * 200)));
        break;
      case 1: // insert a piece, sometimes many times
        text =
          text.slice(0, i) + pick(PIECES).repeat(random() < 0.1 ? 1 + Math.floor(random() * 300) : 1) + text.slice(i);
        break;
      case 2: // every line break becomes another kind
        text = text.replace(/\r?\n/g, pick(['\r\n', '\r', '\n', '\n\r']));
        break;
      case 3: // truncate
        text = text.slice(0, i);
        break;
      case 4: {
        // duplicate a slice elsewhere
        const from = at();
        text = text.slice(0, i) + text.slice(from, from + Math.floor(random() * 300)) + text.slice(i);
        break;
      }
      case 5: // deep nesting
        text = `${text.slice(0, i)}${pick(['[', '{a: ', '- '].map((p) => p.repeat(50 + Math.floor(random() * 1000))))}${text.slice(i)}`;
        break;
      case 6: // a long value
        text = `${text.slice(0, i)}${'x'.repeat(1000 + Math.floor(random() * 30000))}${text.slice(i)}`;
        break;
      case 7: // an alias chain
        text += `\nz0: &z0 [q, q, q, q]\n${Array.from({ length: 8 }, (_, k) => `z${k + 1}: &z${k + 1} [*z${k}, *z${k}, *z${k}, *z${k}]`).join('\n')}\n`;
        break;
      case 8: // change a character
        text = text.slice(0, i) + String.fromCharCode(Math.floor(random() * 0x3000)) + text.slice(i + 1);
        break;
      case 9: {
        // swap two lines
        const lines = text.split('\n');
        const a = Math.floor(random() * lines.length);
        const b = Math.floor(random() * lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        text = lines.join('\n');
        break;
      }
      case 10: // re-indent a line
        text = text.slice(0, i) + ' '.repeat(Math.floor(random() * 9)) + text.slice(i);
        break;
      default: // replace a value after a colon with a random piece
        text = text.replace(/: [^\n]*/, `: ${pick(PIECES)}`);
    }
  }
  return text;
}

/** The lines as LSP counts them (\n, \r\n and a lone \r each end one). */
export function lspLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
