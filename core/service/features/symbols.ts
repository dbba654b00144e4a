/**
 * The outline and the folding ranges. One pass over the steps, so a runbook of 10,000 steps gets
 * all of them (no cut-off). Step spans come trimmed from the parse (`Step.span`).
 */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import { ACTION_BY_ID } from '../../model/catalogue/actions';
import { locateHeader, type ParsedRunbook } from '../../model/parse/parseRunbook';
import type { Span } from '../../model/text/lineIndex';
import type { FeatureContext } from './context';

/** Steps with a catalogue action are things to do (Function); `manual` and unknown actions are free-form events. */
function stepKind(action: string | undefined): SymbolKind {
  return action && action !== 'manual' && ACTION_BY_ID.has(action) ? SymbolKind.Function : SymbolKind.Event;
}

/** A span without the blank lines and spaces a block node's range carries at its end. */
function trimEnd(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end };
}

/** From a key to the end of its value, trimmed. */
function entrySpan(text: string, key: Span, value: Span | undefined): Span {
  return trimEnd(text, { start: key.start, end: Math.max(key.end, value?.end ?? key.end) });
}

function stepSymbols(parsed: ParsedRunbook): DocumentSymbol[] {
  return parsed.steps.map((step) => ({
    name: step.id ?? `step ${step.index + 1}`,
    detail: step.action ?? '',
    kind: stepKind(step.action),
    range: parsed.lines.range(step.span),
    selectionRange: parsed.lines.range(step.anchor),
  }));
}

/** `server` with its storage groups, and their databases, as children. */
function serverSymbol(parsed: ParsedRunbook): DocumentSymbol | undefined {
  const server = locateHeader(parsed, ['server']);
  if (!server?.keySpan || server.depth !== 1) return undefined;
  const lines = parsed.lines;
  const raw = parsed.header?.server as Record<string, unknown> | undefined;
  const groups = raw?.storageGroups;
  const children: DocumentSymbol[] = [];
  (Array.isArray(groups) ? groups : []).forEach((g, i) => {
    const item = locateHeader(parsed, ['server', 'storageGroups', i]);
    const name = locateHeader(parsed, ['server', 'storageGroups', i, 'name']);
    if (!item?.valueSpan || item.depth !== 3) return;
    const label = typeof g?.name === 'string' && g.name ? g.name : `storage group ${i + 1}`;
    const dbs = Array.isArray(g?.databases) ? (g.databases as unknown[]) : [];
    const databases = dbs.flatMap((db, j): DocumentSymbol[] => {
      const hit = locateHeader(parsed, ['server', 'storageGroups', i, 'databases', j]);
      if (typeof db !== 'string' || !db || hit?.depth !== 5 || !hit.valueSpan) return [];
      const r = lines.range(hit.valueSpan);
      return [{ name: db, kind: SymbolKind.Field, range: r, selectionRange: r }];
    });
    const range = lines.range(trimEnd(parsed.text, item.valueSpan));
    const selectionRange =
      name?.depth === 4 && name.valueSpan ? lines.range(name.valueSpan) : { start: range.start, end: range.start };
    children.push({
      name: label,
      detail: 'storage group',
      kind: SymbolKind.Namespace,
      range,
      selectionRange,
      children: databases,
    });
  });
  const name = typeof raw?.name === 'string' ? raw.name : undefined;
  return {
    name: 'server',
    detail: name,
    kind: SymbolKind.Module,
    range: lines.range(entrySpan(parsed.text, server.keySpan, server.valueSpan)),
    selectionRange: lines.range(server.keySpan),
    children,
  };
}

export function documentSymbols(ctx: FeatureContext): DocumentSymbol[] {
  const parsed = ctx.parsed;
  const out: DocumentSymbol[] = [];
  const server = serverSymbol(parsed);
  if (server) out.push(server);
  if (parsed.stepsKey) {
    const children = stepSymbols(parsed);
    const last = parsed.steps.length ? parsed.steps[parsed.steps.length - 1].span.end : parsed.stepsKey.end;
    out.push({
      name: 'steps',
      detail: `${parsed.steps.length} ${parsed.steps.length === 1 ? 'step' : 'steps'}`,
      kind: SymbolKind.Array,
      range: parsed.lines.range({ start: parsed.stepsKey.start, end: Math.max(last, parsed.stepsKey.end) }),
      selectionRange: parsed.lines.range(parsed.stepsKey),
      children,
    });
  }
  // In text order, whichever comes first (the inventory may follow the steps).
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** Runs of two or more comment-only lines. */
function commentFolds(parsed: ParsedRunbook): FoldingRange[] {
  const out: FoldingRange[] = [];
  let from = -1;
  const close = (to: number) => {
    if (from !== -1 && to > from) out.push({ startLine: from, endLine: to, kind: FoldingRangeKind.Comment });
    from = -1;
  };
  for (let l = 0; l < parsed.lines.lineCount; l++) {
    const t = parsed.text.slice(parsed.lines.lineStart(l), parsed.lines.lineEnd(l)).trimStart();
    if (t.startsWith('#')) {
      if (from === -1) from = l;
    } else close(l - 1);
  }
  close(parsed.lines.lineCount - 1);
  return out;
}

/** Each step, its `with:` block, `server` and `steps`, when they take more than one line; and comment blocks. */
export function foldingRanges(ctx: FeatureContext): FoldingRange[] {
  const parsed = ctx.parsed;
  const out: FoldingRange[] = [];
  const add = (startLine: number, endLine: number) => {
    if (endLine > startLine) out.push({ startLine, endLine });
  };
  const line = (offset: number) => parsed.lines.positionAt(offset).line;
  const block = (key: Span | undefined, value: Span | undefined) => {
    if (!key) return;
    add(line(key.start), line(entrySpan(parsed.text, key, value).end));
  };
  const server = locateHeader(parsed, ['server']);
  if (server?.depth === 1) block(server.keySpan, server.valueSpan);
  const lastStep = parsed.steps[parsed.steps.length - 1];
  if (parsed.stepsKey) block(parsed.stepsKey, lastStep?.span);
  for (const step of parsed.steps) {
    add(line(step.span.start), line(step.span.end));
    const w = step.locate(['with']);
    if (w.depth === 1 && w.keySpan && w.valueSpan)
      add(line(w.keySpan.start), line(trimEnd(parsed.text, w.valueSpan).end));
  }
  out.push(...commentFolds(parsed));
  return out;
}
