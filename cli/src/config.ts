/**
 * The CLI's project configuration: `.runbookrc.json` (severity per rule, the same keys as the
 * editor's `runbook.rules.<id>` settings) and the team rule packs in `.runbook/rules/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeveritySettings } from '../../core/rules/engine';
import type { Rule } from '../../core/rules/types';
import { BUILTIN_RULES } from '../../core/rules/exchange2000';
import { loadPackFiles, rulesOf } from '../../node/packFiles';
import { UsageError } from './args';
import { relative } from 'node:path';
import type { LintProblem } from './formats';

export interface ProjectConfig {
  severities: SeveritySettings;
  rules: Rule[];
  problems: LintProblem[];
}

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function loadProjectConfig(cwd: string, explicit?: string): ProjectConfig {
  const path = explicit ?? join(cwd, '.runbookrc.json');
  const severities: Record<string, string> = {};
  if (existsSync(path)) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
    }
    const rules = (raw as { rules?: unknown })?.rules;
    if (rules && typeof rules === 'object') {
      for (const [id, level] of Object.entries(rules)) {
        if (typeof level !== 'string' || !LEVELS.has(level))
          throw new UsageError(`${path}: rules.${id} must be one of ${[...LEVELS].join(', ')}`);
        severities[id] = level;
      }
    }
  } else if (explicit) {
    throw new UsageError(`No such config file: ${explicit}`);
  }
  const packs = loadPackFiles(
    cwd,
    BUILTIN_RULES.map((r) => r.id),
  );
  const problems: LintProblem[] = packs.flatMap((p) =>
    p.parsed.findings.map((f) => {
      const s = p.parsed.lines.positionAt(f.span.start);
      const e = p.parsed.lines.positionAt(f.span.end);
      return {
        file: relative(cwd, p.path),
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        severity: 'error' as const,
        code: f.code,
        message: f.message,
      };
    }),
  );
  return { severities: severities as SeveritySettings, rules: rulesOf(packs), problems };
}
