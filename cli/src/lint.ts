/** `runbook lint`: checks runbooks with the same service the editor uses. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService, ruleDocs } from '../../core/service';
import { BUILTIN_RULES } from '../../core/rules/exchange2000';
import { rulePage } from '../../node/docs';
import { COLOR, PLAIN } from './color';
import {
  cliSeverity,
  formatGithub,
  formatJson,
  formatSarif,
  formatText,
  type Format,
  type LintProblem,
} from './formats';
import { expandInputs } from './files';
import { ProjectConfigs } from './config';
import type { SarifRule } from './sarif';
import type { Rule } from '../../core/rules/types';

export interface LintOptions {
  format: Format;
  cwd: string;
  version: string;
  configPath?: string;
  /** Report errors only. */
  quiet?: boolean;
  /** More warnings than this fail the run (exit 1). */
  maxWarnings?: number;
  color?: boolean;
  errorOnUnmatched?: boolean;
  /** Text read from standard input, checked as if it were the file `stdinFilename`. */
  stdin?: { text: string; filename?: string };
}

export interface LintResult {
  output: string;
  exitCode: number;
  /** Said on stderr: why warnings alone failed the run. */
  note?: string;
}

export const STDIN_NAME = '<stdin>';

export function lint(inputs: string[], o: LintOptions): LintResult {
  const { cwd } = o;
  const files = inputs.length || !o.stdin ? expandInputs(inputs, cwd, { errorOnUnmatched: o.errorOnUnmatched }) : [];
  const sources = files.map((file) => ({ file, text: () => readFileSync(resolve(cwd, file), 'utf8') }));
  if (o.stdin) sources.push({ file: o.stdin.filename ?? STDIN_NAME, text: () => o.stdin!.text });
  const configs = new ProjectConfigs(cwd, o.configPath);
  const service = createLanguageService();
  let problems: LintProblem[] = [];
  for (const { file, text } of sources) {
    const path = resolve(cwd, file);
    const config = configs.of(path);
    problems.push(...configs.packProblems(config));
    service.configure({ severities: config.severities, extraRules: config.rules });
    const uri = pathToFileURL(path).href;
    const { parsed, findings } = service.analyze(uri, text());
    for (const f of findings) {
      const start = parsed.lines.positionAt(f.span.start);
      const end = parsed.lines.positionAt(f.span.end);
      problems.push({
        file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: cliSeverity(f.severity),
        code: f.code,
        message: f.message,
      });
    }
    service.forget(uri);
  }
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  if (o.quiet) problems = problems.filter((p) => p.severity === 'error');
  const output =
    o.format === 'json'
      ? formatJson(
          problems,
          sources.map((s) => s.file),
          o.version,
        )
      : o.format === 'sarif'
        ? formatSarif(problems, sarifRules(configs.teamRules()), o.version, cwd)
        : o.format === 'github'
          ? formatGithub(problems)
          : formatText(problems, sources.length, o.color ? COLOR : PLAIN);
  const errors = problems.some((p) => p.severity === 'error');
  const tooMany = o.maxWarnings !== undefined && warnings > o.maxWarnings;
  return {
    output,
    exitCode: errors || tooMany ? 1 : 0,
    note: tooMany ? `too many warnings: ${warnings} (--max-warnings ${o.maxWarnings})` : undefined,
  };
}

function sarifRules(teamRules: readonly Rule[]): SarifRule[] {
  const docs = ruleDocs(teamRules);
  const builtin = new Set(BUILTIN_RULES.map((r) => r.id));
  return [...BUILTIN_RULES, ...teamRules].map((r) => ({
    id: r.id,
    summary: r.summary,
    severity: r.severity,
    docUrl: docs(r.id),
    page: builtin.has(r.id) ? rulePage(r.id) : undefined,
    pack: builtin.has(r.id) ? 'exchange2000' : 'team',
  }));
}
