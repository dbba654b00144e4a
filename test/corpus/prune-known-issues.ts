/**
 * Drops from known-issues.json every entry the current rules no longer reproduce: a false alarm
 * that lints clean now, a miss whose rule fires now, a gap that draws a finding now. It never adds
 * an entry: a new false alarm or miss needs its item in the findings first.
 * Run after a rules fix lands: `node --import tsx test/corpus/prune-known-issues.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../core/service';
import type { Finding } from '../../core/model/findings';

interface Entry {
  finding: string;
  rules?: string[];
}
type Section = Record<string, Entry>;

const corpus = __dirname;
const manifestPath = join(corpus, 'known-issues.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
  falseAlarms: Section;
  misses: Section;
  uncovered: Section;
};
const service = createLanguageService();
const lint = (path: string): Finding[] => service.analyze(`file://${path}`, readFileSync(path, 'utf8')).findings;
const serious = (fs: Finding[]) => fs.filter((f) => f.severity === 'error' || f.severity === 'warning');
const dropped: string[] = [];

for (const [file, entry] of Object.entries(manifest.falseAlarms)) {
  const codes = new Set(serious(lint(join(corpus, 'clean', file))).map((f) => f.code));
  const still = (entry.rules ?? []).filter((r) => codes.has(r));
  if (still.length === 0) {
    delete manifest.falseAlarms[file];
    dropped.push(`${entry.finding} ${file}`);
  } else if (still.length < (entry.rules ?? []).length) {
    entry.rules = still;
    dropped.push(`${entry.finding} ${file}: now only ${still.join(', ')}`);
  }
}
for (const [file, entry] of Object.entries(manifest.misses)) {
  const rule = file.split('/')[0];
  if (lint(join(corpus, 'breaking', file)).some((f) => f.code === rule)) {
    delete manifest.misses[file];
    dropped.push(`${entry.finding} ${file}`);
  }
}
for (const [file, entry] of Object.entries(manifest.uncovered)) {
  if (serious(lint(join(corpus, 'uncovered', file))).length > 0) {
    delete manifest.uncovered[file];
    dropped.push(`${entry.finding} ${file}`);
  }
}

writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(dropped.length ? `fixed now:\n  ${dropped.join('\n  ')}` : 'every known issue still reproduces');
