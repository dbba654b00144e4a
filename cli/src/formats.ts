/** Output formats of `runbook lint`: text for people, JSON, SARIF 2.1.0 and GitHub annotations for machines. */
import type { Severity } from '../../core/model/findings';

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

export function cliSeverity(s: Severity): LintProblem['severity'] {
  return s === 'information' ? 'info' : s;
}

export function formatText(problems: LintProblem[], fileCount: number): string {
  const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.code}]`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  lines.push(
    `${fileCount} file${fileCount === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${problems.length - errors - warnings} other.`,
  );
  return lines.join('\n');
}

export function formatJson(problems: LintProblem[]): string {
  return JSON.stringify(problems, null, 2);
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

export function formatSarif(
  problems: LintProblem[],
  rules: { id: string; summary: string; docUrl?: string }[],
  version: string,
): string {
  const used = [...new Set(problems.map((p) => p.code))];
  const meta = new Map(rules.map((r) => [r.id, r]));
  const level = (s: LintProblem['severity']) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'runbook',
              version,
              informationUri: 'https://github.com/runbook-studio/runbook-studio',
              rules: used.map((id) => ({
                id,
                shortDescription: { text: meta.get(id)?.summary ?? id },
                helpUri: meta.get(id)?.docUrl,
              })),
            },
          },
          results: problems.map((p) => ({
            ruleId: p.code,
            ruleIndex: used.indexOf(p.code),
            level: level(p.severity),
            message: { text: p.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: p.file.split('\\').join('/') },
                  region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
                },
              },
            ],
          })),
        },
      ],
    },
    null,
    2,
  );
}
