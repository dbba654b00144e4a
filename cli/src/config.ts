/**
 * The CLI's side of the project configuration: for each runbook, the `.runbookrc.json` files and
 * team packs found by walking up from its folder (node/configFiles.ts, the same walk the language
 * server makes), cached per folder. A broken config file is a usage error (exit 2); problems in
 * a team pack are reported like findings, once per pack file.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { BUILTIN_RULES } from '../../core/rules/exchange2000';
import { configFor, type RunbookConfig } from '../../node/configFiles';
import { UsageError } from './args';
import type { LintProblem } from './formats';

export class ProjectConfigs {
  private readonly byFolder = new Map<string, RunbookConfig>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly explicit?: string,
  ) {
    if (explicit && !existsSync(resolve(cwd, explicit))) throw new UsageError(`No such config file: ${explicit}`);
  }

  /** The configuration of the runbook at `file` (relative to cwd or absolute). */
  of(file: string): RunbookConfig {
    const folder = dirname(resolve(this.cwd, file));
    let config = this.byFolder.get(folder);
    if (!config) {
      config = configFor(resolve(this.cwd, file), {
        stopAt: this.cwd,
        reserved: BUILTIN_RULES.map((r) => r.id),
        explicit: this.explicit && resolve(this.cwd, this.explicit),
      });
      const [problem] = config.problems;
      if (problem) throw new UsageError(`${this.display(problem.path)}: ${problem.message}`);
      this.byFolder.set(folder, config);
    }
    return config;
  }

  /** Problems inside team pack files not reported yet. */
  packProblems(config: RunbookConfig): LintProblem[] {
    const out: LintProblem[] = [];
    for (const p of config.packs) {
      if (this.reported.has(p.path)) continue;
      this.reported.add(p.path);
      for (const f of p.parsed.findings) {
        const s = p.parsed.lines.positionAt(f.span.start);
        const e = p.parsed.lines.positionAt(f.span.end);
        out.push({
          file: this.display(p.path),
          line: s.line + 1,
          column: s.character + 1,
          endLine: e.line + 1,
          endColumn: e.character + 1,
          severity: 'error',
          code: f.code,
          message: f.message,
        });
      }
    }
    return out;
  }

  /** Every team rule met so far (for SARIF's rule list). */
  teamRules() {
    const seen = new Map<string, RunbookConfig['rules'][number]>();
    for (const c of this.byFolder.values()) for (const r of c.rules) if (!seen.has(r.id)) seen.set(r.id, r);
    return [...seen.values()];
  }

  private display(path: string): string {
    const rel = relative(this.cwd, path);
    return rel && !rel.startsWith('..') ? rel : path;
  }
}
