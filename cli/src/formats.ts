/**
 * Output formats of `runbook lint`: text for people (coloured on a terminal), JSON (versioned,
 * see docs/cli-output.md), SARIF 2.1.0 and GitHub workflow annotations for machines.
 */
import type { Severity } from '../../core/model/findings';
import { PLAIN, type Paint } from './color';
import { sarifLog, type SarifRule } from './sarif';

export interface LintProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
}

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** The version of the JSON output's shape; raised only when a field is removed or changes meaning. */
export const JSON_FORMAT_VERSION = 1;

export function cliSeverity(s: Severity): LintProblem['severity'] {
  return s === 'information' ? 'info' : s;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(problems: LintProblem[], fileCount: number, paint: Paint = PLAIN): string {
  const tint = { error: paint.red, warning: paint.yellow, info: paint.blue, hint: paint.dim };
  const lines = problems.map(
    (p) => `${p.file}:${p.line}:${p.column}: ${tint[p.severity](p.severity)}: ${p.message} ${paint.dim(`[${p.code}]`)}`,
  );
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  const summary = `${plural(fileCount, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${problems.length - errors - warnings} other.`;
  lines.push(errors ? paint.bold(paint.red(summary)) : warnings ? paint.bold(paint.yellow(summary)) : summary);
  return lines.join('\n');
}

export function formatJson(problems: LintProblem[], files: string[], toolVersion: string): string {
  const count = (s: LintProblem['severity']) => problems.filter((p) => p.severity === s).length;
  return JSON.stringify(
    {
      version: JSON_FORMAT_VERSION,
      tool: { name: 'runbook', version: toolVersion },
      files,
      summary: { errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') },
      problems,
    },
    null,
    2,
  );
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(problems: LintProblem[]): string {
  return problems
    .map((p) => {
      const kind = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
      return `::${kind} file=${escapeProp(p.file)},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn},title=${escapeProp(p.code)}::${escapeData(p.message)}`;
    })
    .join('\n');
}

export function formatSarif(problems: LintProblem[], rules: SarifRule[], version: string, cwd: string): string {
  return JSON.stringify(sarifLog(problems, rules, version, cwd), null, 2);
}
