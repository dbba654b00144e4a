/**
 * Which rules read an action, for the action hover. Every rule declares the actions it reads
 * (`Rule.reads`: compiled from a declarative rule's matchers, given by hand next to the check of a
 * rule written in code), so this index cannot drift from the rules. Rules about every step alike
 * (unknown action, duplicate id, secrets) read none: they would be listed under every action.
 */
import { BUILTIN_RULES } from '../../rules/exchange2000';
import type { Rule } from '../../rules/types';

export function buildRuleIndex(rules: readonly Rule[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const rule of rules) {
    for (const action of rule.reads) {
      let s = map.get(action);
      if (!s) map.set(action, (s = new Set()));
      s.add(rule.id);
    }
  }
  return map;
}

let index: Map<string, Set<string>> | undefined;

/** Ids of the built-in rules that look at steps with this action, sorted. */
export function rulesReading(action: string): string[] {
  index ??= buildRuleIndex(BUILTIN_RULES);
  return [...(index.get(action) ?? [])].sort();
}
