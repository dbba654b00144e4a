/**
 * The built-in Exchange 2000 pack, one file per section of the reference article. A rule id is
 * found in one hop: docs/rules/<id>.md names its section file, and that file holds both the
 * declarative definitions and the rules written in code.
 */
import { compile } from '../declarative/compile';
import type { DeclarativeRule, Rule } from '../types';
import { backupSection } from './backup';
import { clusterSection } from './cluster';
import { fullServerSection } from './full-server';
import { mailboxesSection } from './mailboxes';
import { restoreSection } from './restore';
import type { RuleSection } from './section';
import { srsKmsSection } from './srs-kms';
import { structureSection } from './structure';

/** The one list of sections; the order is the order findings are produced in. */
export const SECTIONS: readonly RuleSection[] = [
  structureSection,
  backupSection,
  restoreSection,
  mailboxesSection,
  fullServerSection,
  srsKmsSection,
  clusterSection,
];

export const DECLARATIVE_RULES: readonly DeclarativeRule[] = SECTIONS.flatMap((s) => s.declarative);

export const BUILTIN_RULES: readonly Rule[] = [...SECTIONS.flatMap((s) => s.coded), ...DECLARATIVE_RULES.map(compile)];

/** The section file that implements a built-in rule id (undefined for ids not in the pack). */
export function sectionOf(id: string): RuleSection | undefined {
  return SECTIONS.find((s) => s.coded.some((r) => r.id === id) || s.declarative.some((d) => d.id === id));
}
