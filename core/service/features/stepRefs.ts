/**
 * Step ids as symbols: each step's `id:` value declares one, each `after:` entry refers to one.
 * Spans come from the parsed nodes (exact, quotes left out), so navigation and rename touch
 * precisely the name. Finding the step at an offset is a binary search; collecting every use of
 * a name is one pass over the steps.
 */
import { ACTION_BY_ID } from '../../model/catalogue/actions';
import type { ParsedRunbook, Step } from '../../model/parse/parseRunbook';
import type { Span } from '../../model/text/lineIndex';

export interface StepRef {
  name: string;
  /** The name itself, without quotes. */
  span: Span;
  step: Step;
  kind: 'id' | 'after';
}

function inner(text: string, span: Span): Span {
  const q = text[span.start];
  if ((q === "'" || q === '"') && span.end - span.start >= 2 && text[span.end - 1] === q)
    return { start: span.start + 1, end: span.end - 1 };
  return span;
}

function idRef(parsed: ParsedRunbook, step: Step): StepRef | undefined {
  const id = step.id;
  if (id === undefined) return undefined;
  const hit = step.locate(['id']);
  return hit.depth === 1 && hit.valueSpan
    ? { name: id, span: inner(parsed.text, hit.valueSpan), step, kind: 'id' }
    : undefined;
}

/** Reads the raw `after:` list, not `Step.after` (strings only): index i must be the node's index. */
function afterRefs(parsed: ParsedRunbook, step: Step): StepRef[] {
  const raw = step.value.after;
  if (!Array.isArray(raw)) return [];
  const out: StepRef[] = [];
  raw.forEach((name, i) => {
    if (typeof name !== 'string') return;
    const hit = step.locate(['after', i]);
    if (hit.depth === 2 && hit.valueSpan)
      out.push({ name, span: inner(parsed.text, hit.valueSpan), step, kind: 'after' });
  });
  return out;
}

/** The last step that starts at or before `offset` (binary search: steps are in text order). */
function lastStartingBy(steps: readonly Step[], offset: number): Step | undefined {
  let lo = 0;
  let hi = steps.length - 1;
  let found: Step | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid].span.start <= offset) {
      found = steps[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The step whose text holds `offset`. */
function stepAt(parsed: ParsedRunbook, offset: number): Step | undefined {
  const found = lastStartingBy(parsed.steps, offset);
  return found && offset <= found.span.end ? found : undefined;
}

/** The parsed step whose item starts on `line`. */
export function stepStartingOn(parsed: ParsedRunbook, line: number): Step | undefined {
  const found = lastStartingBy(parsed.steps, parsed.lines.lineEnd(line));
  return found && found.span.start >= parsed.lines.lineStart(line) ? found : undefined;
}

const holds = (span: Span, offset: number) => span.start <= offset && offset <= span.end;

/** The step id or `after:` entry under the cursor (the end of the name counts, as in editors). */
export function refAt(parsed: ParsedRunbook, offset: number): StepRef | undefined {
  const step = stepAt(parsed, offset);
  if (!step) return undefined;
  const id = idRef(parsed, step);
  if (id && holds(id.span, offset)) return id;
  return afterRefs(parsed, step).find((r) => holds(r.span, offset));
}

/** Every declaration of `name` (more than one is a duplicate-id error) and every `after:` entry naming it. */
export function usesOf(parsed: ParsedRunbook, name: string): { decls: StepRef[]; refs: StepRef[] } {
  const decls: StepRef[] = [];
  const refs: StepRef[] = [];
  for (const step of parsed.steps) {
    if (step.id === name) {
      const d = idRef(parsed, step);
      if (d) decls.push(d);
    }
    if (step.after.includes(name)) refs.push(...afterRefs(parsed, step).filter((r) => r.name === name));
  }
  return { decls, refs };
}

/** A step's `title:`, else the summary of its action: what hover and completion show for it. */
export function stepTitle(step: Step): string | undefined {
  const title = step.value.title;
  if (typeof title === 'string') return title;
  return step.action ? ACTION_BY_ID.get(step.action)?.summary : undefined;
}
