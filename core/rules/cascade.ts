/**
 * One mistake gives one finding. A step whose action is not in the catalogue is reported by
 * `unknown-action`; every other rule's finding that rests on that step is noise: one that points
 * at it (or relates to it), and one asking for a step the misspelt action was plainly meant to be
 * (`databse.dismount` makes "no dismount before this restore" a consequence, not a second mistake).
 */
import { ACTION_BY_ID, ACTIONS } from '../model/catalogue/actions';
import type { Finding } from '../model/findings';
import type { Step } from '../model/parse/parseRunbook';
import type { Span } from '../model/text/lineIndex';
import { suggest } from '../model/text/suggest';

/** Rules that judge a step by itself, whatever its action: their findings always stand. */
const STANDALONE = new Set([
  'unknown-action',
  'duplicate-step-id',
  'unknown-step-reference',
  'dependency-cycle',
  'after-points-forward',
  'unknown-storage-group',
  'unknown-database',
  'no-secrets',
]);

const ACTION_IDS = ACTIONS.map((a) => a.id);
const inside = (span: Span, outer: Span) => span.start >= outer.start && span.end <= outer.end;

function insertedAction(f: Finding): string | undefined {
  const d = f.data;
  if (!d || (d.fix !== 'insert-before' && d.fix !== 'insert-after' && d.fix !== 'insert-required')) return undefined;
  return Array.isArray(d.insert.action) ? d.insert.action[0] : d.insert.action;
}

export function dropCascades(findings: Finding[], steps: readonly Step[]): Finding[] {
  const unknown = steps.filter((s) => s.action !== undefined && !ACTION_BY_ID.has(s.action));
  if (!unknown.length) return findings;
  const spans = unknown.map((s) => s.span);
  const meant = new Set(unknown.flatMap((s) => suggest(s.action!, ACTION_IDS)));
  const onUnknown = (span: Span) => spans.some((u) => inside(span, u));
  return findings.filter((f) => {
    if (STANDALONE.has(f.code)) return true;
    if (onUnknown(f.span) || f.related?.some((r) => onUnknown(r.span))) return false;
    const wanted = insertedAction(f);
    return !(wanted && meant.has(wanted));
  });
}
