/**
 * Shared helpers of the rule tests: build a runbook from an inventory and step snippets, run the
 * language service on it, and pin diagnostics to exact places in the text.
 *
 * A place is written as the text around it with the part that must be underlined in «»:
 * `rangeOf(text, 'id: «restore-full»')` is the range of `restore-full` right after `id: `. The
 * text without the markers must occur exactly once, so a test can never point at the wrong copy.
 */
import assert from 'node:assert/strict';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { createLanguageService, type Analysis } from '../../../core/service';

const URI = 'file:///t.runbook.yaml';

/** The inventory most tests use: one storage group with two databases. */
export const INVENTORY = `
name: EXCH01
windowsEdition: Windows 2000 Advanced Server
systemPath: C:\\WINNT
exchangePath: D:\\Program Files\\Exchsrvr
domainController: false
components: [messaging-and-collaboration, system-management-tools]
roles: []
storageGroups:
  - name: SG1
    logPath: E:\\logs\\sg1
    databases: [Mailbox Store, Public Store]
  - name: SG2
    logPath: E:\\logs\\sg2
    databases: [Sales Store]
`;

/** A clustered virtual server (nodes NODE1 and NODE2). */
export const CLUSTER_INVENTORY = `${INVENTORY.trimEnd()}
cluster:
  name: EXCLUSTER
  nodes: [NODE1, NODE2]
`;

interface RunbookSpec {
  scenario?: string;
  /** The body of `server:` as YAML at indent 0 (default INVENTORY). */
  server?: string;
  steps: string[];
}

/** Indents a block of YAML by `n` spaces (blank lines stay blank). */
function indent(yaml: string, n: number): string {
  const pad = ' '.repeat(n);
  return yaml
    .split('\n')
    .map((l) => (l.trim() ? pad + l : l))
    .join('\n');
}

/** A whole runbook: header, inventory, and each step snippet as one list item. */
export function runbook(spec: RunbookSpec): string {
  const server = (spec.server ?? INVENTORY).trim();
  const steps = spec.steps.map((s) => {
    const [first, ...rest] = s.trim().split('\n');
    return [`  - ${first}`, ...rest.map((l) => (l.trim() ? `    ${l}` : l))].join('\n');
  });
  return [
    'runbook: 1',
    'title: Test runbook',
    `scenario: ${spec.scenario ?? 'database-restore'}`,
    'server:',
    indent(server, 2),
    'steps:',
    ...steps,
    '',
  ].join('\n');
}

/**
 * One step snippet. `params` is the body of `with:` as a flow mapping without braces
 * (`storageGroup: SG1, backupSet: full`); `more` are extra step keys, one per line.
 */
export function step(id: string, action: string, params?: string, ...more: string[]): string {
  const lines = [`id: ${id}`, `action: ${action}`];
  if (params !== undefined) lines.push(`with: { ${params} }`);
  lines.push(...more);
  return lines.join('\n');
}

export function analyze(text: string): Analysis {
  return createLanguageService().analyze(URI, text);
}

/** A diagnostic whose message is plain text (the service never sends markup). */
export type Diag = Omit<Diagnostic, 'message'> & { message: string };

/** Every diagnostic of the runbook, in the order the service reports them. */
export function diagnostics(text: string): Diag[] {
  const all = analyze(text).diagnostics;
  for (const d of all) assert.equal(typeof d.message, 'string', 'diagnostic messages are plain text');
  return all as Diag[];
}

/** Offsets of an LSP range in `text` (0-based lines, UTF-16 characters). */
function offsetAt(text: string, pos: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    assert.ok(nl !== -1, `line ${pos.line} is past the end of the text`);
    offset = nl + 1;
  }
  return offset + pos.character;
}

/** The text a range underlines. */
export function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The range of the «marked» part of `marked`, which must occur once in `text` without its markers. */
export function rangeOf(text: string, marked: string): Range {
  const open = marked.indexOf('«');
  const close = marked.indexOf('»');
  assert.ok(open !== -1 && close > open, `rangeOf needs «…» markers: ${marked}`);
  const plain = marked.slice(0, open) + marked.slice(open + 1, close) + marked.slice(close + 1);
  const at = text.indexOf(plain);
  assert.ok(at !== -1, `rangeOf: ${JSON.stringify(plain)} is not in the text`);
  assert.equal(text.indexOf(plain, at + 1), -1, `rangeOf: ${JSON.stringify(plain)} occurs more than once`);
  const start = at + open;
  const end = at + close - 1;
  return { start: positionAt(text, start), end: positionAt(text, end) };
}

function describe(d: Diag | Diagnostic, text: string): string {
  return `${String(d.code)} @${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${JSON.stringify(textAt(text, d.range))}: ${d.message}`;
}

/** Every diagnostic of the runbook, one per line, for assertion messages. */
export function listing(text: string, all: (Diag | Diagnostic)[] = diagnostics(text)): string {
  return all.map((d) => `  ${describe(d, text)}`).join('\n') || '  (none)';
}

/** The diagnostics with this code. */
export function diagnosticsOf(text: string, code: string): Diag[] {
  return diagnostics(text).filter((d) => d.code === code);
}

/** Exactly one diagnostic with this code; returns it. */
export function only(text: string, code: string): Diag {
  const all = diagnostics(text);
  const hits = all.filter((d) => d.code === code);
  assert.equal(hits.length, 1, `expected one '${code}' diagnostic, got ${hits.length}:\n${listing(text, all)}`);
  return hits[0];
}

/** No diagnostic with this code. */
export function silent(text: string, code: string): void {
  const all = diagnostics(text);
  const hits = all.filter((d) => d.code === code);
  assert.equal(hits.length, 0, `expected no '${code}' diagnostic, got:\n${listing(text, all)}`);
}

/** No diagnostic at all. */
export function clean(text: string): void {
  const all = diagnostics(text);
  assert.equal(all.length, 0, `expected a clean runbook, got:\n${listing(text, all)}`);
}

/** The diagnostic underlines exactly the «marked» text (checks line/character and the text). */
export function assertAt(text: string, d: Diag, marked: string): void {
  const want = rangeOf(text, marked);
  const wantText = textAt(text, want);
  assert.equal(textAt(text, d.range), wantText, `'${String(d.code)}' underlines the wrong text: ${describe(d, text)}`);
  assert.deepEqual(
    d.range,
    want,
    `'${String(d.code)}' is on the right text but at the wrong place: ${describe(d, text)}`,
  );
}

/** The one diagnostic of `code`, asserted to be exactly on «marked». */
export function expectAt(text: string, code: string, marked: string): Diag {
  const d = only(text, code);
  assertAt(text, d, marked);
  return d;
}

/**
 * The one diagnostic of `code` underlines the id of step `id`; its message names `id` and every
 * step in `related`, and its relatedInformation points at the id of each of them. Returns it.
 */
export function expectOnStep(text: string, code: string, id: string, ...related: string[]): Diag {
  const d = expectAt(text, code, `id: «${id}»`);
  assertNames(d, id, ...related);
  for (const r of related) assertRelated(text, d, `id: «${r}»`);
  return d;
}

/** The message names every one of these step ids (or other words). */
export function assertNames(d: Diag, ...names: string[]): void {
  for (const n of names)
    assert.ok(d.message.includes(n), `the '${String(d.code)}' message does not name '${n}': ${d.message}`);
}

/** `relatedInformation` has an entry on exactly «marked» (usually the other step's id). */
export function assertRelated(text: string, d: Diag, marked: string): void {
  const want = rangeOf(text, marked);
  const related = d.relatedInformation ?? [];
  assert.ok(related.length > 0, `'${String(d.code)}' has no relatedInformation: ${d.message}`);
  for (const r of related) assert.equal(r.location.uri, URI);
  assert.ok(
    related.some((r) => JSON.stringify(r.location.range) === JSON.stringify(want)),
    `'${String(d.code)}' relatedInformation does not point at ${JSON.stringify(textAt(text, want))}; it points at ${related.map((r) => JSON.stringify(textAt(text, r.location.range))).join(', ')}`,
  );
}

/** Replaces the single occurrence of `from` in `text` (fails when it is absent or repeated). */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at !== -1, `edit: ${JSON.stringify(from)} is not in the text`);
  assert.equal(text.indexOf(from, at + 1), -1, `edit: ${JSON.stringify(from)} occurs more than once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The steps of a clean restore of storage group SG1 (both its databases), in a correct order. */
export const RESTORE_SG1 = [
  step('check-store', 'store.verify-running'),
  step('check-room', 'disk.check-capacity', "drive: 'F:', freePercent: 50"),
  step('dismount-sg1', 'database.dismount', 'storageGroup: SG1'),
  step('copy-sg1', 'database.copy-existing', 'storageGroup: SG1, destination: G:\\before-restore'),
  step(
    'restore-sg1',
    'database.restore',
    'storageGroup: SG1, backupSet: full, lastRestoreSet: true, tempLogPath: F:\\restore-temp',
  ),
  step('mount-sg1', 'database.mount', 'storageGroup: SG1'),
  step('verify-sg1', 'database.verify-mounted', 'storageGroup: SG1'),
];

/** The id of a step snippet. */
export function idOf(snippet: string): string {
  const m = /^id: (\S+)/.exec(snippet.trim());
  assert.ok(m, `no id in step snippet: ${snippet}`);
  return m[1];
}

function indexOfStep(steps: readonly string[], id: string): number {
  const i = steps.findIndex((s) => idOf(s) === id);
  assert.ok(i !== -1, `no step '${id}' in the fixture`);
  return i;
}

/** The steps without those ids. */
export function without(steps: readonly string[], ...ids: string[]): string[] {
  ids.forEach((id) => indexOfStep(steps, id));
  return steps.filter((s) => !ids.includes(idOf(s)));
}

/** The steps with `items` inserted right after the step `anchor` (or first, when anchor is null). */
export function insertAfter(steps: readonly string[], anchor: string | null, ...items: string[]): string[] {
  const at = anchor === null ? 0 : indexOfStep(steps, anchor) + 1;
  return [...steps.slice(0, at), ...items, ...steps.slice(at)];
}

/** The steps with `items` inserted right before the step `anchor`. */
export function insertBefore(steps: readonly string[], anchor: string, ...items: string[]): string[] {
  const at = indexOfStep(steps, anchor);
  return [...steps.slice(0, at), ...items, ...steps.slice(at)];
}

/** The steps with step `id` moved to right after step `anchor`. */
export function moveAfter(steps: readonly string[], id: string, anchor: string): string[] {
  const moved = steps[indexOfStep(steps, id)];
  return insertAfter(without(steps, id), anchor, moved);
}

/** The steps with step `id` moved to right before step `anchor`. */
export function moveBefore(steps: readonly string[], id: string, anchor: string): string[] {
  const moved = steps[indexOfStep(steps, id)];
  return insertBefore(without(steps, id), anchor, moved);
}

/** The steps with step `id` replaced. */
export function replaceStep(steps: readonly string[], id: string, replacement: string): string[] {
  const i = indexOfStep(steps, id);
  return [...steps.slice(0, i), replacement, ...steps.slice(i + 1)];
}

/** The prerequisites a full server recovery confirms first. */
export const PREREQS = [
  'replacement-hardware',
  'install-media',
  'system-drive-backup',
  'exchange-database-backup',
  'system-state-backup',
].map((item) => step(`confirm-${item}`, 'prereq.confirm', `item: ${item}`));

/** A clean member-server recovery of EXCH01 (INVENTORY), as in examples/member-server.runbook.yaml. */
export const MEMBER_SERVER = [
  ...PREREQS,
  step('check-server-object', 'ad.verify-server-object', 'serverName: EXCH01'),
  step(
    'reinstall-windows',
    'windows.install',
    'serverName: EXCH01, edition: Windows 2000 Advanced Server, systemPath: C:\\WINNT, joinDomain: false',
  ),
  step('reinstall-updates', 'windows.install-updates', 'items: [Service Pack 4]'),
  step('restore-system-drive', 'backup.restore-drive', "drive: 'C:'"),
  step('restore-system-state', 'backup.restore-system-state', 'includesActiveDirectory: false'),
  step('restart-after-system-state', 'server.restart'),
  step(
    'run-dr-setup',
    'exchange.setup-disaster-recovery',
    'components: [messaging-and-collaboration, system-management-tools], installPath: D:\\Program Files\\Exchsrvr, commandLine: setup.exe /disasterrecovery',
  ),
  ...RESTORE_SG1,
  step('final-restart', 'server.restart'),
];

/**
 * The diagnostic of `code` on the id of step `id` when one mistake breaks two facts (each
 * reported on its own step); its message names the related steps and points at them.
 */
export function expectOnStepAmong(text: string, code: string, id: string, ...related: string[]): Diag {
  const want = rangeOf(text, `id: «${id}»`);
  const all = diagnostics(text);
  const d = all.find((x) => x.code === code && JSON.stringify(x.range) === JSON.stringify(want));
  assert.ok(d, `expected a '${code}' diagnostic on step '${id}', got:\n${listing(text, all)}`);
  assertNames(d, id, ...related);
  for (const r of related) assertRelated(text, d, `id: «${r}»`);
  return d;
}
