/** Which step a line of a runbook belongs to (pure: tested without VS Code). */

const ID = /^\s*(?:-\s+)?id:\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*(?:#.*)?$/;
const indentOf = (l: string) => /^\s*/.exec(l)![0].length;
const isItemAt = (l: string, indent: number) => indentOf(l) === indent && /^\s*-\s/.test(l);

/**
 * The id of the step whose list item holds `line` (its `id:` may come before or after the line),
 * or undefined outside the top-level `steps:` list.
 */
export function stepIdAt(text: string, line: number): string | undefined {
  const lines = text.split(/\r?\n/);
  const stepsLine = lines.findIndex((l) => /^steps:\s*(#.*)?$/.test(l));
  if (stepsLine < 0 || line <= stepsLine || line >= lines.length) return undefined;
  const first = lines.slice(stepsLine + 1).find((l) => /^\s*-\s/.test(l));
  if (first === undefined) return undefined;
  const indent = indentOf(first);
  let start = line;
  while (start > stepsLine && !isItemAt(lines[start], indent)) start--;
  if (start === stepsLine) return undefined;
  let end = start + 1;
  while (
    end < lines.length &&
    !isItemAt(lines[end], indent) &&
    (lines[end].trim() === '' || indentOf(lines[end]) > indent || lines[end].trimStart().startsWith('#'))
  )
    end++;
  if (line >= end) return undefined;
  for (let i = start; i < end; i++) {
    const m = ID.exec(lines[i]);
    // The item's own `id:` (on its dash line, or as a key two columns in), not a nested one.
    if (m && (i === start || indentOf(lines[i]) === indent + 2)) return m[1];
  }
  return undefined;
}
