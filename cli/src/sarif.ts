/**
 * SARIF 2.1.0 for code scanning: every location is relative to `%SRCROOT%` (the repository root,
 * else the folder the command ran in, given in `originalUriBaseIds`) and percent-encoded, so a
 * result points at the same file whichever folder the command ran from. Each rule carries its
 * description, help (its page from docs/rules), default level and tags.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../core/model/findings';
import type { LintProblem } from './formats';

export interface SarifRule {
  id: string;
  summary: string;
  severity: Severity;
  docUrl?: string;
  /** The rule's page (Markdown), when it has one on disk. */
  page?: string;
  /** Where the rule comes from: `exchange2000` (built in) or `team` (a team rule pack). */
  pack: 'exchange2000' | 'team' | 'core';
}

type Level = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<LintProblem['severity'] | Severity, Level> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  information: 'note',
  hint: 'note',
};

/** The repository root holding `cwd`, else `cwd` itself. */
export function sourceRoot(cwd: string): string {
  for (let d = resolve(cwd); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return resolve(cwd);
  }
}

/** A relative URI reference: each path segment percent-encoded (spaces, `#`, `%`, non-ASCII). */
export function relativeUri(root: string, file: string): string {
  return relative(root, file).split(sep).map(encodeURIComponent).join('/');
}

/** The part of a page under `## <heading>`, without the heading. */
function section(page: string | undefined, heading: string): string | undefined {
  if (!page) return undefined;
  const part = page.split(/^## /m).find((p) => p.startsWith(heading));
  return part?.slice(part.indexOf('\n') + 1).trim() || undefined;
}

function ruleDescriptor(r: SarifRule) {
  const full = section(r.page, 'What it protects against')?.replace(/\s*\n\s*/g, ' ') ?? r.summary;
  const tags = ['runbook', r.pack === 'team' ? 'team-pack' : r.pack];
  if (r.id === 'no-secrets') tags.push('security');
  return {
    id: r.id,
    name: r.id
      .split(/[-/]/)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: r.summary },
    fullDescription: { text: full },
    help: { text: r.page ?? r.summary, ...(r.page ? { markdown: r.page } : {}) },
    ...(r.docUrl ? { helpUri: r.docUrl } : {}),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags },
  };
}

export function sarifLog(problems: LintProblem[], rules: SarifRule[], version: string, cwd: string) {
  const root = sourceRoot(cwd);
  const known = new Map(rules.map((r) => [r.id, r]));
  // Codes with no rule behind them (schema, yaml-syntax, a pack's own problems) still get a descriptor.
  for (const p of problems)
    if (!known.has(p.code))
      known.set(p.code, {
        id: p.code,
        summary: p.code,
        severity: p.severity === 'info' ? 'information' : p.severity,
        pack: 'core',
      });
  const ordered = [...known.values()];
  const index = new Map(ordered.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'runbook',
            semanticVersion: version,
            version,
            informationUri: 'https://github.com/runbook-studio/runbook-studio',
            rules: ordered.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + sep).href } },
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: index.get(p.code),
          level: LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relativeUri(root, resolve(cwd, p.file)), uriBaseId: '%SRCROOT%' },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
