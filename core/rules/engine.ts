/**
 * Runs a set of rules over a parsed runbook and applies severity settings. A rule that throws is
 * reported as one finding instead of taking the server down: a bad team pack must not stop linting.
 */
import type { Finding, Severity, SeveritySetting } from '../model/findings';
import type { ParsedRunbook } from '../model/parse/parseRunbook';
import { dropCascades } from './cascade';
import { RuleContext } from './context';
import type { Rule } from './types';

export type SeveritySettings = Readonly<Record<string, SeveritySetting>>;

/** Runs every rule not turned `off`; findings carry default severities (settings apply later, once). */
export function runRules(parsed: ParsedRunbook, rules: readonly Rule[], settings: SeveritySettings = {}): Finding[] {
  const ctx = new RuleContext(parsed);
  const out: Finding[] = [];
  for (const rule of rules) {
    if (settings[rule.id] === 'off') continue;
    try {
      rule.check(ctx, (f) => {
        const severity: Severity = f.severity ?? rule.severity;
        out.push({ code: rule.id, message: f.message, span: f.span, severity, related: f.related, data: f.data });
      });
    } catch (err) {
      out.push({
        code: rule.id,
        severity: 'error',
        span: { start: 0, end: 0 },
        message: `Rule '${rule.id}' failed: ${(err as Error).message}`,
      });
    }
  }
  return dropCascades(oncePerPlace(out), parsed.steps);
}

/**
 * A rule made of several entries (one per fact it guards) reports a step once: the first entry's
 * finding says it, a second one about the same step adds nothing for the reader.
 */
function oncePerPlace(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.span.start}\u0000${f.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
