/**
 * All findings for one parsed runbook: syntax, the file-level checks, the schema, then the rules.
 * Also the single conversion from findings to LSP diagnostics.
 */
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { runRules, type SeveritySettings } from '../rules/engine';
import type { Rule } from '../rules/types';
import type { Finding, Severity } from '../model/findings';
import type { ParsedRunbook } from '../model/parse/parseRunbook';
import { validateSchema } from '../model/schema/validateSchema';
import { applySuppressions } from './suppressions';

const RUNBOOK_KEYS = ['runbook', 'title', 'scenario', 'server', 'steps'];

/** Severity settings, applied once to every finding whatever produced it; `off` removes it. */
function applySettings(findings: Finding[], settings: SeveritySettings): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const s = settings[f.code];
    if (s !== 'off') out.push(s ? { ...f, severity: s } : f);
  }
  return out;
}

export function collectFindings(parsed: ParsedRunbook, rules: readonly Rule[], settings: SeveritySettings): Finding[] {
  return applySettings(rawFindings(parsed, rules, settings), settings);
}

function rawFindings(parsed: ParsedRunbook, rules: readonly Rule[], settings: SeveritySettings): Finding[] {
  const out: Finding[] = [];
  if (parsed.binaryAt !== -1) {
    const at = parsed.binaryAt;
    const code = parsed.text.charCodeAt(at).toString(16).padStart(4, '0').toUpperCase();
    out.push({
      code: 'yaml-syntax',
      severity: 'error',
      span: { start: at, end: at + 1 },
      message: `This file holds a binary character (U+${code}) here; a runbook is plain text. Was a binary file given a .runbook.yaml name?`,
    });
    return out; // everything else would be noise about a file that is not text
  }
  if (parsed.empty) {
    out.push({
      code: 'schema',
      severity: 'error',
      span: { start: 0, end: 0 },
      message:
        'This runbook is empty. Start with `runbook: 1`, or type the name of a scenario (such as `member-server`) to insert a complete runbook.',
    });
    return out;
  }
  for (const s of parsed.syntax)
    out.push({ code: 'yaml-syntax', severity: 'error', span: s.span, message: `YAML syntax: ${s.message}` });
  const header = parsed.header;
  if (!header || !RUNBOOK_KEYS.some((k) => k in header || (k === 'steps' && parsed.stepsKey))) {
    if (!parsed.syntax.length) {
      out.push({
        code: 'schema',
        severity: 'error',
        span: { start: 0, end: Math.min(parsed.lines.lineEnd(0), parsed.text.length) },
        message:
          'This YAML file is not a runbook: a runbook is a mapping that starts with `runbook: 1` and has `title`, `scenario`, `server` and `steps`.',
      });
    }
    return out;
  }
  out.push(...validateSchema(parsed));
  out.push(...runRules(parsed, rules, settings));
  const known = new Set([...rules.map((r) => r.id), 'schema', 'yaml-syntax']);
  return applySuppressions(out, parsed.text, parsed.lines, known);
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** `docs` gives the page of a rule: the built-in pages by default, a team pack's `docUrl`, or none. */
export function toDiagnostic(
  f: Finding,
  parsed: Pick<ParsedRunbook, 'lines'>,
  uri: string,
  docs: (code: string) => string | undefined,
): Diagnostic {
  const href = docs(f.code);
  const related: DiagnosticRelatedInformation[] | undefined = f.related?.map((r) => ({
    location: { uri, range: parsed.lines.range(r.span) },
    message: r.message,
  }));
  return {
    range: parsed.lines.range(f.span),
    severity: LSP_SEVERITY[f.severity],
    code: f.code,
    codeDescription: href ? { href } : undefined,
    source: 'runbook',
    message: f.message,
    relatedInformation: related?.length ? related : undefined,
    tags: f.unnecessary ? [DiagnosticTag.Unnecessary] : undefined,
    data: f.data,
  };
}
