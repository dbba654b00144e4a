/** Test helper: derive broken runbooks from a clean one by removing, moving or editing steps. */
import { parseRunbook } from '../../../core/model/parse/parseRunbook';
import { stepLines } from '../../../core/service/fixes/edits';

function linesOf(text: string, id: string) {
  const parsed = parseRunbook(text);
  const step = parsed.steps.find((s) => s.id === id);
  if (!step) throw new Error(`no step '${id}'`);
  return stepLines(parsed, step);
}

export function removeStep(text: string, id: string): string {
  const l = linesOf(text, id);
  return text.slice(0, l.start) + text.slice(l.end);
}

/** Moves step `id` to just after step `afterId`. */
export function moveAfter(text: string, id: string, afterId: string): string {
  const l = linesOf(text, id);
  const chunk = text.slice(l.start, l.end);
  const without = text.slice(0, l.start) + text.slice(l.end);
  const target = linesOf(without, afterId);
  return without.slice(0, target.end) + chunk + without.slice(target.end);
}

export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`fixture has no ${String(from)}`);
  return out;
}
