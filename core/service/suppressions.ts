/**
 * Suppression comments, ESLint style:
 *   # runbook-disable-next-line <rule-id>[, <rule-id>] -- <reason>
 *   # runbook-disable <rule-id>[, <rule-id>] -- <reason>        (whole file)
 * A directive without a reason, or one that hides nothing, is itself reported: a silenced check
 * must say why, and a stale silence must not hide the next real problem.
 */
import type { Finding } from '../model/findings';
import type { LineIndex, Span } from '../model/text/lineIndex';

const DIRECTIVE = /#\s*runbook-(disable-next-line|disable)\b(.*)$/;

export interface Directive {
  kind: 'next-line' | 'file';
  line: number;
  span: Span;
  rules: { id: string; span: Span }[];
  reason?: string;
}

export function parseDirectives(text: string, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  // Cheap pre-check: most runbooks have no directive, and this runs on every keystroke.
  if (!text.includes('runbook-disable')) return out;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const lineText = text.slice(start, lines.lineEnd(line));
    const m = DIRECTIVE.exec(lineText);
    if (!m) continue;
    const hashAt = start + m.index;
    const rest = m[2];
    const sep = rest.indexOf('--');
    const list = sep === -1 ? rest : rest.slice(0, sep);
    const reason = sep === -1 ? undefined : rest.slice(sep + 2).trim() || undefined;
    const listStart = hashAt + m[0].length - rest.length;
    const rules: Directive['rules'] = [];
    for (const r of list.matchAll(/[a-z0-9][a-z0-9/_.-]*/gi)) {
      rules.push({
        id: r[0],
        span: { start: listStart + (r.index ?? 0), end: listStart + (r.index ?? 0) + r[0].length },
      });
    }
    out.push({
      kind: m[1] === 'disable' ? 'file' : 'next-line',
      line,
      span: { start: hashAt, end: start + lineText.length },
      rules,
      reason,
    });
  }
  return out;
}

/** Removes suppressed findings and adds findings about the directives themselves. */
export function applySuppressions(
  findings: Finding[],
  text: string,
  lines: LineIndex,
  knownRules: ReadonlySet<string>,
): Finding[] {
  const directives = parseDirectives(text, lines);
  if (!directives.length) return findings;
  const used = new Set<string>();
  const key = (d: Directive, id: string) => `${d.line}:${id}`;
  const kept = findings.filter((f) => {
    const line = lines.positionAt(f.span.start).line;
    for (const d of directives) {
      const applies = d.kind === 'file' || d.line + 1 === line;
      const rule = applies ? d.rules.find((r) => r.id === f.code) : undefined;
      if (rule) {
        used.add(key(d, rule.id));
        return false;
      }
    }
    return true;
  });
  for (const d of directives) {
    if (!d.rules.length) {
      kept.push({
        code: 'unused-suppression',
        severity: 'warning',
        span: d.span,
        message: 'Name the rule to disable, such as `# runbook-disable-next-line prefer-online-full -- reason`.',
      });
      continue;
    }
    if (!d.reason) {
      kept.push({
        code: 'suppression-without-reason',
        severity: 'warning',
        span: d.span,
        message: 'Say why this check is disabled: add `-- <reason>` after the rule id, so reviewers can judge it.',
      });
    }
    for (const r of d.rules) {
      if (used.has(key(d, r.id))) continue;
      const message = knownRules.has(r.id)
        ? `Nothing here breaks '${r.id}', so this directive hides nothing; remove it.`
        : `There is no rule '${r.id}'; this directive hides nothing.`;
      kept.push({
        code: 'unused-suppression',
        severity: 'warning',
        span: r.span,
        message,
        unnecessary: true,
        data: { fix: 'remove-directive', line: d.line, rule: r.id, count: d.rules.length },
      });
    }
  }
  return kept;
}
