/**
 * The corpus in test/corpus, linted with the real language service (the same analysis the CLI and
 * the editor run):
 * - clean/: runbooks written from the source article, in many YAML styles. Each must lint with no
 *   error and no warning. A runbook the current rules get wrong is listed in known-issues.json
 *   (falseAlarms) with its item in the findings; it passes only while its findings stay within the
 *   listed rules, and the entry must go once the rules stop reporting it.
 * - breaking/<rule-id>/: one clean runbook with one fact broken. The named rule must fire, unless the
 *   variant is a known miss (known-issues.json, misses), which must be removed once the rule fires.
 * - uncovered/: one fact broken that no rule is named for yet. Some error or warning must appear,
 *   unless the variant is listed under uncovered in known-issues.json.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../core/service';
import { SCENARIOS } from '../../core/model/catalogue/enums';
import { BUILTIN_RULES } from '../../core/rules/exchange2000';
import type { Finding } from '../../core/model/findings';

const CORPUS = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', 'corpus');
const CLEAN = join(CORPUS, 'clean');
const BREAKING = join(CORPUS, 'breaking');
const UNCOVERED = join(CORPUS, 'uncovered');
/** Codes reported outside the rule pack: parsing, the schema and suppression comments. */
const NON_PACK_CODES = ['schema', 'yaml-syntax', 'suppression-without-reason', 'unused-suppression'];

interface KnownIssues {
  falseAlarms: Record<string, { finding: string; rules: string[] }>;
  misses: Record<string, { finding: string }>;
  uncovered: Record<string, { finding: string }>;
}
const knownIssues = JSON.parse(readFileSync(join(CORPUS, 'known-issues.json'), 'utf8')) as KnownIssues;
const findingsDoc = 'test/corpus/FINDINGS.md';

const isRunbook = (f: string) => /\.runbook\.ya?ml$/.test(f);
const cleanFiles = readdirSync(CLEAN).filter(isRunbook).sort();
const ruleDirs = readdirSync(BREAKING, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const breakingFiles = ruleDirs.flatMap((rule) =>
  readdirSync(join(BREAKING, rule))
    .filter(isRunbook)
    .sort()
    .map((f) => `${rule}/${f}`),
);

const uncoveredFiles = readdirSync(UNCOVERED).filter(isRunbook).sort();

const service = createLanguageService();
const ruleIds = new Set([...BUILTIN_RULES.map((r) => r.id), ...NON_PACK_CODES]);
/** Uncovered variants that name an existing rule as their candidate and are no known gap: they count as its variants. */
const candidateVariants = uncoveredFiles
  .filter((f) => !knownIssues.uncovered[f])
  .map((f) => [/^# candidate: ([\w-]+)/m.exec(readFileSync(join(UNCOVERED, f), 'utf8'))?.[1], f] as const)
  .filter(([rule]) => rule !== undefined && ruleIds.has(rule));
function analyze(file: string): { text: string; findings: Finding[]; listing: string } {
  const text = readFileSync(file, 'utf8');
  const { parsed, findings } = service.analyze(`file://${file}`, text);
  const listing = findings
    .map((f) => {
      const at = parsed.lines.positionAt(f.span.start);
      return `  ${at.line + 1}:${at.character + 1} ${f.severity} [${f.code}] ${f.message}`;
    })
    .join('\n');
  return { text, findings, listing };
}
const serious = (findings: Finding[]) => findings.filter((f) => f.severity === 'error' || f.severity === 'warning');

describe('test/corpus/clean: runbooks written from the article lint without errors or warnings', () => {
  test('the corpus is large and varied enough to mean something', () => {
    assert.ok(cleanFiles.length >= 35, `only ${cleanFiles.length} clean runbooks`);
    const texts = cleanFiles.map((f) => readFileSync(join(CLEAN, f), 'utf8'));
    for (const scenario of SCENARIOS) {
      const n = texts.filter((t) => new RegExp(`^"?scenario"?: *"?${scenario}"?\\s*$`, 'm').test(t)).length;
      assert.ok(n >= 2, `scenario ${scenario}: ${n} runbooks, want at least 2`);
    }
    const styles: [string, (t: string) => boolean][] = [
      ['a UTF-8 BOM', (t) => t.startsWith('\uFEFF')],
      ['CRLF line ends', (t) => t.includes('\r\n')],
      ['a merge key', (t) => /<<: \*/.test(t)],
      ['an alias', (t) => /: \*[\w-]+/.test(t)],
      ['a flow mapping step', (t) => /^ {2}- \{ ?id:/m.test(t)],
      ['a whole runbook in flow style', (t) => /^\{runbook:/m.test(t)],
      ['quoted keys', (t) => /^"runbook":/m.test(t)],
      ['a literal block scalar', (t) => /: \|\r?$/m.test(t)],
      ['a folded block scalar', (t) => /: >-?\r?$/m.test(t)],
      ['a German title', (t) => /^title: .*[äöüß]/m.test(t)],
      ['a Japanese title', (t) => /^title: .*[\u3040-\u30ff\u4e00-\u9fff]/m.test(t)],
      ['4 storage groups of 5 databases', (t) => (t.match(/Store E\b/g) ?? []).length >= 3],
    ];
    for (const [style, has] of styles) assert.ok(texts.some(has), `no clean runbook uses ${style}`);
  });

  for (const file of cleanFiles) {
    const entry = knownIssues.falseAlarms[file];
    test(`${file}${entry ? ` (known false alarm ${entry.finding})` : ''}`, (t) => {
      const { findings, listing } = analyze(join(CLEAN, file));
      const bad = serious(findings);
      if (!entry) {
        assert.equal(bad.length, 0, `test/corpus/clean/${file} should lint clean:\n${listing}`);
        return;
      }
      assert.ok(
        bad.length > 0,
        `test/corpus/clean/${file} now lints clean: remove its entry (${entry.finding}) from test/corpus/known-issues.json`,
      );
      const unexpected = bad.filter((f) => !entry.rules.includes(f.code));
      assert.equal(
        unexpected.length,
        0,
        `test/corpus/clean/${file} is a known false alarm of ${entry.rules.join(', ')} only, but reports:\n${listing}`,
      );
      t.diagnostic(`known false alarm, see ${entry.finding} in ${findingsDoc}: ${bad.length} finding(s)`);
    });
  }

  test('the built `runbook lint` command finds every clean runbook and agrees with the service', () => {
    const cli = join(CORPUS, '..', '..', 'out', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'lint', '.', '--format', 'json'], { cwd: CLEAN, encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `runbook lint exited ${r.status}: ${r.stderr}`);
    const summary = spawnSync(process.execPath, [cli, 'lint', '.'], { cwd: CLEAN, encoding: 'utf8' });
    assert.match(summary.stdout, new RegExp(`^${cleanFiles.length} files checked`, 'm'));
    // Format version 1: an envelope whose `problems` holds the findings (docs/cli.md).
    const { problems } = JSON.parse(r.stdout) as { problems: { file: string; severity: string; code: string }[] };
    const reported = new Map<string, Set<string>>();
    for (const p of problems.filter((p) => p.severity === 'error' || p.severity === 'warning')) {
      const file = p.file.replace(/^.*[\\/]/, '');
      reported.set(file, (reported.get(file) ?? new Set()).add(p.code));
    }
    assert.deepEqual([...reported.keys()].sort(), Object.keys(knownIssues.falseAlarms).sort(), 'files with findings');
    for (const [file, codes] of reported) {
      const listed = knownIssues.falseAlarms[file].rules;
      assert.deepEqual(
        [...codes].filter((c) => !listed.includes(c)),
        [],
        `${file}: codes beyond its known false alarm`,
      );
    }
  });

  test('every known false alarm names a clean runbook that exists', () => {
    for (const file of Object.keys(knownIssues.falseAlarms)) assert.ok(cleanFiles.includes(file), file);
  });
});

describe('test/corpus/breaking: one broken fact makes the named rule fire', () => {
  test('every rule has at least two breaking variants, and every folder is a rule', () => {
    for (const id of ruleIds) {
      const n =
        breakingFiles.filter((f) => f.startsWith(`${id}/`)).length +
        candidateVariants.filter(([rule]) => rule === id).length;
      assert.ok(
        n >= 2,
        `rule ${id} has ${n} breaking variant(s) in test/corpus/breaking/${id}/ (or uncovered/ candidates)`,
      );
    }
    for (const dir of ruleDirs) assert.ok(ruleIds.has(dir), `test/corpus/breaking/${dir} is not a rule id`);
  });

  for (const file of breakingFiles) {
    const rule = file.split('/')[0];
    const miss = knownIssues.misses[file];
    test(`${file}${miss ? ` (known miss ${miss.finding})` : ''}`, (t) => {
      const { text, findings, listing } = analyze(join(BREAKING, file));
      const header = /^\uFEFF?# expect: *([\w-]+)\r?\n# fact: (.+)\r?\n# base: (\S+)/.exec(text);
      assert.ok(header, `${file} must start with # expect:, # fact: and # base: lines`);
      assert.equal(header[1], rule, `${file} expects ${header[1]} but sits in the folder of ${rule}`);
      const fired = findings.some((f) => f.code === rule);
      if (!miss) {
        assert.ok(fired, `${rule} should fire on test/corpus/breaking/${file} (${header[2]}); it reports:\n${listing}`);
        return;
      }
      assert.ok(
        !fired,
        `${rule} now fires on test/corpus/breaking/${file}: remove its entry (${miss.finding}) from test/corpus/known-issues.json`,
      );
      t.diagnostic(`known miss, see ${miss.finding} in ${findingsDoc}`);
    });
  }

  test('the variants are what generate.mjs makes from the clean corpus today', () => {
    const r = spawnSync(process.execPath, [join(BREAKING, 'generate.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  test('every known miss names a breaking variant that exists', () => {
    for (const file of Object.keys(knownIssues.misses)) assert.ok(breakingFiles.includes(file), file);
  });
});

describe('test/corpus/uncovered: a broken fact that no rule is named for still draws a finding', () => {
  for (const file of uncoveredFiles) {
    const gap = knownIssues.uncovered[file];
    test(`${file}${gap ? ` (known gap ${gap.finding})` : ''}`, (t) => {
      const { text, findings, listing } = analyze(join(UNCOVERED, file));
      const header = /^\uFEFF?# expect: any\r?\n# fact: (.+)\r?\n# base: (\S+)(?:\r?\n# candidate: ([\w-]+))?/.exec(
        text,
      );
      assert.ok(header, `${file} must start with # expect: any, # fact: and # base: lines`);
      const bad = serious(findings);
      if (!gap) {
        assert.ok(bad.length > 0, `test/corpus/uncovered/${file} breaks "${header[1]}" but draws no error or warning`);
        const candidate = header[3];
        if (candidate && ruleIds.has(candidate))
          assert.ok(
            findings.some((f) => f.code === candidate),
            `${candidate} exists now and should catch test/corpus/uncovered/${file}:\n${listing}`,
          );
        return;
      }
      assert.equal(
        bad.length,
        0,
        `test/corpus/uncovered/${file} now draws a finding: remove its entry (${gap.finding}) from test/corpus/known-issues.json, and move the variant to breaking/<rule>/ if a rule is named for it:\n${listing}`,
      );
      t.diagnostic(`known gap, see ${gap.finding} in ${findingsDoc}`);
    });
  }

  test('every known gap names an uncovered variant that exists', () => {
    for (const file of Object.keys(knownIssues.uncovered)) assert.ok(uncoveredFiles.includes(file), file);
  });
});

describe('docs/rules/README.md: the coverage table of the article', () => {
  const readme = readFileSync(join(CORPUS, '..', '..', 'docs', 'rules', 'README.md'), 'utf8');
  const table = readme.split('## Coverage of the article')[1] ?? '';
  const rows = table.split('\n').filter((l) => /^\| \d+ \|/.test(l));
  test('has a row per fact, each with a known status', () => {
    assert.ok(rows.length >= 78, `${rows.length} rows`);
    for (const row of rows) {
      const status = row.split('|')[5]?.trim() ?? '';
      assert.match(status, /^(checked|partly|not checked|by hand)\b/, row);
    }
  });

  test('names only rules that exist, and only false alarms and misses that are still known', () => {
    for (const row of rows) {
      for (const [, id] of row.matchAll(/\[`([\w-]+)`\]\(([\w-]+)\.md\)/g))
        assert.ok(ruleIds.has(id), `the table links to ${id}, which is no rule: ${row}`);
      const cited = new Set([
        ...Object.values(knownIssues.falseAlarms).map((e) => e.finding),
        ...Object.values(knownIssues.misses).map((e) => e.finding),
        ...Object.values(knownIssues.uncovered).map((e) => e.finding),
      ]);
      for (const [ref] of row.matchAll(/\b(FA|M|U)\d+\b/g))
        assert.ok(cited.has(ref), `the table cites ${ref}, which is not in known-issues.json: update the row\n${row}`);
    }
  });
});
