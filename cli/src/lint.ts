/** `runbook lint`: checks runbooks with the same service the editor uses. */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createLanguageService, ruleDocs } from '../../core/service';
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
import { loadProjectConfig } from './config';

export interface LintResult {
  output: string;
  exitCode: number;
}

export function lint(inputs: string[], format: Format, cwd: string, version: string, configPath?: string): LintResult {
  const files = expandInputs(inputs, cwd);
  const config = loadProjectConfig(cwd, configPath);
  const service = createLanguageService({ severities: config.severities, extraRules: config.rules });
  const problems: LintProblem[] = [...config.problems];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const { parsed, findings } = service.analyze(pathToFileURL(file).href, text);
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
    service.forget(pathToFileURL(file).href);
  }
  const docs = ruleDocs(config.rules);
  const rules = service.rules().map((r) => ({ id: r.id, summary: r.summary, docUrl: docs(r.id) }));
  const output =
    format === 'json'
      ? formatJson(problems)
      : format === 'sarif'
        ? formatSarif(problems, rules, version)
        : format === 'github'
          ? formatGithub(problems)
          : formatText(problems, files.length);
  return { output, exitCode: problems.some((p) => p.severity === 'error') ? 1 : 0 };
}
