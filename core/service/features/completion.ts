/**
 * Completion. The cursor module says where we are (even on a half-typed line), the schema walker
 * says what may go there, and this file turns that into items: keys not yet present with their
 * docs, values from the catalogue and the inventory, and whole-runbook snippets in an empty file.
 * Every item carries a textEdit over the token under the cursor, so the client filters on the
 * same word we replace.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { FeatureContext } from './context';
import { cursorAt, type Cursor } from './cursor';
import { candidates, yamlScalar, type Candidate, type ValueEnv } from './completionValues';
import { inventory, stepFacts } from './facts';
import { hasCandidates, nodeAt, type KeyInfo, type NodeInfo } from './schemaAt';

/** A scenario snippet as the host read it from snippets/runbook.json (the service reads no files). */
export interface ScenarioSnippet {
  prefix: string;
  body: string | readonly string[];
  description?: string;
}

/** After a key is inserted, open the list again for its value (VS Code's own command). */
const RESUGGEST: Command = { title: 'Suggest a value', command: 'editor.action.triggerSuggest' };

const pad = (i: number) => String(i).padStart(5, '0');
const markdown = (value: string | undefined) => (value ? { kind: 'markdown' as const, value } : undefined);

function snippetItems(snippets: readonly ScenarioSnippet[], range: Range, first: boolean): CompletionItem[] {
  return snippets.map((s, i) => ({
    label: s.prefix,
    kind: CompletionItemKind.Snippet,
    detail: s.description,
    documentation: markdown(`Inserts a complete runbook${s.description ? `: ${s.description}` : ''}.`),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: typeof s.body === 'string' ? s.body : s.body.join('\n') },
    filterText: s.prefix,
    // In an empty file the snippets are the point; elsewhere they come after the keys (sorted by pad(i)).
    sortText: `${first ? ' ' : '~'}${pad(i)}`,
  }));
}

/** What to insert for a key: `key: ` for a scalar, a new indented line for a block, `[]` for a list of names. */
function keyInsert(
  k: KeyInfo,
  cursor: Cursor,
  col: number,
): Pick<CompletionItem, 'insertTextFormat' | 'insertTextMode' | 'command'> & { text: string } {
  const lead = cursor.needsSpace ? ' ' : '';
  if (cursor.at === 'key') return { text: k.name }; // the colon and value are already there
  const info = k.info;
  const resuggest = hasCandidates(info) ? RESUGGEST : undefined;
  if (cursor.flow) return { text: `${lead}${k.name}: `, command: resuggest };
  const indent = ' '.repeat(col + 2);
  if (info.keys || info.params) return { text: `${lead}${k.name}:\n${indent}`, insertTextMode: InsertTextMode.asIs };
  if (info.item?.keys) return { text: `${lead}${k.name}:\n${indent}- `, insertTextMode: InsertTextMode.asIs };
  if (info.item && !info.value)
    return { text: `${lead}${k.name}: [$1]$0`, insertTextFormat: InsertTextFormat.Snippet, command: resuggest };
  return { text: `${lead}${k.name}: `, command: resuggest };
}

function keyItems(node: NodeInfo, cursor: Cursor, range: Range): CompletionItem[] {
  const present = new Set(cursor.siblings);
  return (node.keys ?? []).flatMap((k, i): CompletionItem[] => {
    if (present.has(k.name)) return [];
    const { text, ...how } = keyInsert(k, cursor, range.start.character);
    return [
      {
        label: k.name,
        kind: CompletionItemKind.Property,
        detail: k.info.type,
        documentation: markdown(k.info.doc),
        sortText: pad(i),
        filterText: k.name,
        textEdit: { range, newText: text },
        ...how,
      },
    ];
  });
}

function valueItems(node: NodeInfo, cursor: Cursor, range: Range, env: ValueEnv, quote: string): CompletionItem[] {
  const last = cursor.path[cursor.path.length - 1];
  const inList = typeof last === 'number' || cursor.at === 'entry';
  let kind = node.value;
  let wrapAll = false;
  if (!inList && !kind && node.item?.value) {
    kind = node.item.value;
    wrapAll = true;
  }
  if (!kind) return [];
  const listed = new Set(inList ? cursor.siblings : []);
  const lead = cursor.needsSpace ? ' ' : '';
  return candidates(kind, env, inList)
    .filter((c) => !listed.has(c.label))
    .map((c: Candidate, i) => {
      const wrap = wrapAll || c.wrap;
      const text = c.raw
        ? c.label
        : quote
          ? c.label.split(quote).join(quote === "'" ? "''" : '\\"')
          : yamlScalar(c.label, cursor.flow || !!wrap);
      return {
        label: c.label,
        kind: c.kind,
        detail: c.detail,
        documentation: markdown(c.doc),
        sortText: pad(i),
        filterText: quote ? c.label : text,
        textEdit: { range, newText: `${lead}${wrap ? `[${text}]` : text}` },
      };
    });
}

export function complete(
  ctx: FeatureContext,
  position: Position,
  snippets: readonly ScenarioSnippet[] = [],
): CompletionList {
  const parsed = ctx.parsed;
  const cursor = cursorAt(parsed, position);
  const items: CompletionItem[] = [];
  const done = (): CompletionList => ({ isIncomplete: false, items });
  if (!cursor) {
    if (parsed.empty && snippets.length)
      items.push(...snippetItems(snippets, { start: position, end: position }, true));
    return done();
  }
  const range = parsed.lines.range(cursor.token);
  // Column 0 of a file that holds nothing but the word being typed: a whole runbook fits here
  // (with other top-level keys present it would duplicate them).
  const rootLine =
    cursor.at === 'entry' && cursor.path.length === 0 && !cursor.dash && range.start.character === 0 && !parsed.header;
  if (snippets.length && (parsed.empty || rootLine)) items.push(...snippetItems(snippets, range, parsed.empty));

  const facts = stepFacts(parsed, cursor); // undefined outside `steps`
  const env: ValueEnv = { parsed, facts, inventory: () => inventory(parsed), offset: cursor.offset };
  const quoteChar = parsed.text[cursor.token.start - 1];
  const quote = cursor.at !== 'key' && (quoteChar === "'" || quoteChar === '"') ? quoteChar : '';

  if (cursor.at === 'value') {
    const node = nodeAt(cursor.path, facts?.action);
    if (node) items.push(...valueItems(node, cursor, range, env, quote));
    return done();
  }
  const node = nodeAt(cursor.at === 'key' ? cursor.path.slice(0, -1) : cursor.path, facts?.action);
  if (node?.keys) items.push(...keyItems(node, cursor, range));
  else if (cursor.at === 'entry' && node?.value && cursor.dash)
    items.push(...valueItems(node, cursor, range, env, quote));
  return done();
}
