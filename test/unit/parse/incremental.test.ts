/**
 * The chunked parser (splitSteps + parseRunbook) against a whole-file parse with `yaml`: the same
 * steps, values and spans (of every key and value inside each step) for many shapes of text, a
 * fallback to the whole-file parse for what cannot be cut safely, and re-use of unchanged steps.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { ParseCache, parseRunbook, type ParsedRunbook } from '../../../core/model/parse/parseRunbook';
import { splitSteps } from '../../../core/model/parse/splitSteps';
import { createLanguageService } from '../../../core/service';
import { MEMBER_SERVER, RESTORE_SG1, runbook } from '../rules/helpers';

interface Span {
  start: number;
  end: number;
}
type Path = (string | number)[];

const span = (n: Node | null | undefined): Span | undefined =>
  n?.range ? { start: n.range[0], end: Math.max(n.range[0], n.range[1]) } : undefined;

/** A step's span leaves out the blank lines and line breaks after its last value. */
function trimmed(text: string, s: Span): Span {
  let end = s.end;
  while (end > s.start && /\s/.test(text[end - 1])) end--;
  return { start: s.start, end };
}

/** Every key and value inside a node, with its path and spans, as a whole-file parse sees it. */
function inventory(
  node: Node | null | undefined,
  path: Path = [],
  out: { path: Path; keySpan?: Span; valueSpan?: Span }[] = [],
) {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const p = [...path, String(pair.key.value)];
      out.push({
        path: p,
        keySpan: span(pair.key as Node),
        valueSpan: span(pair.value as Node) ?? span(pair.key as Node),
      });
      inventory(pair.value as Node, p, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const p = [...path, i];
      out.push({ path: p, valueSpan: span(item as Node) });
      inventory(item as Node, p, out);
    });
  }
  return out;
}

/** The oracle: `yaml` on the whole text. */
function whole(text: string) {
  const doc = parseDocument(text, { prettyErrors: false, strict: true, uniqueKeys: true, merge: true });
  assert.deepEqual(
    doc.errors.map((e) => e.message),
    [],
    'the fixture itself must be valid YAML',
  );
  const root = doc.contents as Node;
  assert.ok(isMap(root));
  const stepsPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'steps');
  assert.ok(stepsPair && isSeq(stepsPair.value));
  const steps = stepsPair.value.items.map((item) => ({
    value: (item as Node).toJS(doc),
    span: trimmed(text, span(item as Node)!),
    inner: inventory(item as Node),
  }));
  const { steps: _omit, ...header } = doc.toJS() as Record<string, unknown>;
  return { steps, header, stepsKey: span(stepsPair.key as Node) };
}

/** The chunked parse equals the whole parse: values, the step spans, and every inner span. */
function assertSameAsWhole(text: string, parsed: ParsedRunbook = parseRunbook(text)): void {
  const want = whole(text);
  assert.deepEqual(parsed.syntax, [], 'no syntax problems');
  assert.equal(parsed.steps.length, want.steps.length, 'number of steps');
  parsed.steps.forEach((s, i) => {
    const w = want.steps[i];
    assert.equal(s.index, i);
    assert.deepEqual(s.value, w.value, `value of step ${i}`);
    assert.deepEqual(s.span, w.span, `span of step ${i}: ${JSON.stringify(text.slice(s.span.start, s.span.end))}`);
    for (const entry of w.inner) {
      const got = s.locate(entry.path);
      assert.equal(got.depth, entry.path.length, `step ${i} path ${entry.path.join('.')} is found`);
      if (entry.keySpan) assert.deepEqual(got.keySpan, entry.keySpan, `step ${i} key span of ${entry.path.join('.')}`);
      assert.deepEqual(got.valueSpan, entry.valueSpan, `step ${i} value span of ${entry.path.join('.')}`);
    }
  });
  assert.deepEqual(parsed.header, want.header, 'header');
  assert.deepEqual(parsed.stepsKey, want.stepsKey, 'span of the steps key');
}

const HEAD = 'runbook: 1\ntitle: Incremental\nscenario: database-restore\nserver:\n  name: EXCH01\n';

/** Texts the splitter must cut, and whose steps must equal a whole-file parse. */
const CHUNKED: [string, string][] = [
  ['the restore fixture', runbook({ steps: RESTORE_SG1 })],
  ['the member-server fixture', runbook({ scenario: 'member-server', steps: MEMBER_SERVER })],
  [
    'comments between steps, at every indent',
    `${HEAD}steps: # the work
  # before the first step
  - id: one
    action: manual
    # inside the first step
# at column 0 between steps
  - id: two
    action: manual

      # deeper, after a blank line
  - id: three
    action: manual
  # after the last step
`,
  ],
  [
    'steps at indent 0',
    `${HEAD}steps:
- id: one
  action: manual
  with:
    a: 1
- id: two
  action: manual
-   id: three
    action: manual
`,
  ],
  [
    'a top-level key after the steps',
    `${HEAD}steps:
  - id: one
    action: manual
  - id: two
    action: manual

# notes for the reader
description: Written after the steps
`,
  ],
  [
    'flow mappings',
    `${HEAD}steps:
  - { id: one, action: manual, with: { a: 1, b: [x, y] } }
  - id: two
    action: database.mount
    with: { storageGroup: SG1,
      databases: [Mailbox Store,
        Public Store] }
  - {id: three, action: manual}
`,
  ],
  [
    'block scalars with lines that start with "-"',
    `${HEAD}steps:
  - id: one
    action: manual
    notes: |
      Do this:
      - first
      - second
    title: >-
      - folded
      - text
  - id: two
    action: manual
    notes: |2
       - with an indentation indicator
  - id: three
    action: manual
    notes: |
      - last

      - after a blank line
`,
  ],
  [
    'an empty item and a scalar item',
    `${HEAD}steps:
  -
    id: one
    action: manual
  - id: two
    action: manual
`,
  ],
  [
    'quoted keys and values with "#" and ": "',
    `${HEAD}steps:
  - "id": one
    action: manual
    title: 'Step # one: the first'
  - id: two
    action: manual
    title: "- not a new step"
`,
  ],
  [
    'block scalars that keep their trailing blank lines (|+), then a comment and a key',
    `${HEAD}steps:
  - id: one
    action: manual
    notes: |+
      kept

  - id: two
    action: manual
    notes: |+
      kept at the end


# comment
description: after
`,
  ],
  [
    'multi-line plain and quoted scalars',
    `${HEAD}steps:
  - id: one
    action: manual
    title: a plain title
      continued on a deeper line
  - id: two
    action: manual
    title: "a quoted title
      continued"
`,
  ],
  [
    'an explicit key, a comment closing a step, and an ampersand that is not an anchor',
    `${HEAD}steps:
  - ? id
    : one
    action: manual
    title: Tom & Jerry
    # the end of step one

  - id: two
    action: manual
`,
  ],
  ['a byte order mark and trailing spaces after `steps:`', `\uFEFF${HEAD}steps:   \n  - id: one\n    action: manual\n`],
  [
    'a step list that ends the file without a newline',
    `${HEAD}steps:\n  - id: one\n    action: manual\n  - id: two\n    action: manual`,
  ],
];

describe('the chunked parser equals a whole-file parse', () => {
  for (const [name, text] of CHUNKED) {
    test(name, () => {
      assert.ok(splitSteps(text), 'the splitter cuts this text (the chunked path is the one under test)');
      assertSameAsWhole(text);
    });
  }
  for (const [name, text] of CHUNKED) {
    test(`${name}, with CRLF line endings`, () => {
      const crlf = text.replace(/\r?\n/g, '\r\n');
      assert.ok(splitSteps(crlf), 'the splitter cuts CRLF text too');
      assertSameAsWhole(crlf);
    });
  }
  test('each chunk starts at its item, and the chunks and the tail cover the text', () => {
    const text = CHUNKED[4][1];
    const split = splitSteps(text)!;
    assert.equal(split.steps.length, 2);
    assert.ok(text.slice(split.steps[0].start).startsWith('  - id: one'));
    assert.ok(text.slice(split.steps[1].start).startsWith('  - id: two'));
    assert.equal(split.head.end, split.steps[0].start);
    assert.equal(split.steps[0].end, split.steps[1].start);
    assert.equal(split.steps[1].end, split.tail.start);
    assert.ok(text.slice(split.tail.start).includes('description:'));
    assert.equal(split.tail.end, text.length);
  });
});

/** Texts the splitter must refuse: the full parse decides, and the result is still right. */
const FALLBACK: [string, string][] = [
  [
    'an anchor and an alias across steps',
    `${HEAD}steps:
  - id: one
    action: database.mount
    with: &sg1 { storageGroup: SG1 }
  - id: two
    action: database.verify-mounted
    with: *sg1
`,
  ],
  [
    'a merge key',
    `${HEAD}defaults: &d { action: manual }
steps:
  - <<: *d
    id: one
`,
  ],
  [
    'an anchor in the header used in a step',
    `${HEAD}x-group: &group SG1
steps:
  - id: one
    action: database.mount
    with: { storageGroup: *group }
`,
  ],
  [
    'a tag',
    `${HEAD}steps:
  - id: one
    action: manual
    title: !!str 123
`,
  ],
  ['a document start marker', `---\n${HEAD}steps:\n  - id: one\n    action: manual\n`],
  ['a document end marker', `${HEAD}steps:\n  - id: one\n    action: manual\n...\n`],
  ['a flow-style step list', `${HEAD}steps: [{ id: one, action: manual }, { id: two, action: manual }]\n`],
  [
    'a flow-style step list over several lines',
    `${HEAD}steps:\n  [{ id: one, action: manual },\n   { id: two, action: manual }]\n`,
  ],
];

describe('what cannot be cut falls back to the whole-file parse', () => {
  for (const [name, text] of FALLBACK) {
    test(name, () => {
      assert.equal(splitSteps(text), undefined, 'the splitter refuses this text');
      const parsed = parseRunbook(text);
      const want = whole(text);
      assert.deepEqual(parsed.syntax, []);
      assert.deepEqual(
        parsed.steps.map((s) => s.value),
        want.steps.map((s) => s.value),
      );
      assert.deepEqual(
        parsed.steps.map((s) => s.span),
        want.steps.map((s) => s.span),
      );
    });
  }
  test('aliases resolve to their anchored value', () => {
    const parsed = parseRunbook(FALLBACK[0][1]);
    assert.deepEqual(parsed.steps[1].with, { storageGroup: 'SG1' });
  });
});

describe('re-parsing after a one-character edit re-uses unchanged steps', () => {
  const text = runbook({ steps: RESTORE_SG1 });

  function reparse(before: string, after: string) {
    const cache = new ParseCache();
    const first = parseRunbook(before, cache);
    const second = parseRunbook(after, cache);
    return { first, second };
  }

  test('an edit inside one step re-parses only that step', () => {
    const edited = text.replace('destination: G:\\before-restore', 'destination: H:\\before-restore');
    assert.equal(edited.length, text.length);
    const { first, second } = reparse(text, edited);
    assert.equal(second.steps.length, first.steps.length);
    const changed = second.steps.findIndex((s) => s.id === 'copy-sg1');
    second.steps.forEach((s, i) => {
      if (i === changed) assert.notEqual(s.node, first.steps[i].node, 'the edited step is parsed again');
      else assert.equal(s.node, first.steps[i].node, `step ${i} (${s.id}) keeps its node`);
    });
    assert.equal(second.steps[changed].with.destination, 'H:\\before-restore');
    assertSameAsWhole(edited, second);
  });

  test('an edit that changes the length shifts the later steps without re-parsing them', () => {
    const edited = text.replace('id: dismount-sg1', 'id: dismount-sg1x');
    const { first, second } = reparse(text, edited);
    const changed = second.steps.findIndex((s) => s.id === 'dismount-sg1x');
    assert.ok(changed > 0);
    second.steps.forEach((s, i) => {
      if (i === changed) assert.notEqual(s.node, first.steps[i].node);
      else assert.equal(s.node, first.steps[i].node, `step ${i} keeps its node`);
      if (i > changed) assert.equal(s.span.start, first.steps[i].span.start + 1, `step ${i} moved by one character`);
    });
    assertSameAsWhole(edited, second);
  });

  test('an edit in the header re-uses every step', () => {
    const edited = text.replace('title: Test runbook', 'title: Test runbooks');
    const { first, second } = reparse(text, edited);
    second.steps.forEach((s, i) => assert.equal(s.node, first.steps[i].node, `step ${i} keeps its node`));
    assert.equal(second.header?.title, 'Test runbooks');
    assertSameAsWhole(edited, second);
  });

  test('an edit in the header shifts every step span by the edit', () => {
    const edited = text.replace('title: Test runbook', 'title: A test runbook');
    const { first, second } = reparse(text, edited);
    assert.equal(first.steps.length, RESTORE_SG1.length);
    assert.equal(second.steps.length, first.steps.length);
    second.steps.forEach((s, i) => assert.equal(s.span.start, first.steps[i].span.start + 2));
  });

  test('with CRLF line endings', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const edited = crlf.replace('freePercent: 50', 'freePercent: 40');
    const { first, second } = reparse(crlf, edited);
    const changed = second.steps.findIndex((s) => s.id === 'check-room');
    second.steps.forEach((s, i) => {
      if (i !== changed) assert.equal(s.node, first.steps[i].node, `step ${i} keeps its node`);
    });
    assert.equal(second.steps[changed].with.freePercent, 40);
    assertSameAsWhole(edited, second);
  });

  test('a different cache re-uses nothing', () => {
    const first = parseRunbook(text, new ParseCache());
    const second = parseRunbook(text, new ParseCache());
    assert.equal(first.steps.length, RESTORE_SG1.length);
    assert.equal(second.steps.length, first.steps.length);
    second.steps.forEach((s, i) => assert.notEqual(s.node, first.steps[i].node));
  });

  test('the language service keeps one cache per document', () => {
    const service = createLanguageService();
    const edited = text.replace('freePercent: 50', 'freePercent: 40');
    const a = service.analyze('file:///a.runbook.yaml', text).parsed;
    const b = service.analyze('file:///a.runbook.yaml', edited).parsed;
    const unchanged = b.steps.filter((s, i) => s.node === a.steps[i].node).length;
    assert.equal(unchanged, b.steps.length - 1);
    const other = service.analyze('file:///b.runbook.yaml', edited).parsed;
    assert.equal(other.steps.length, RESTORE_SG1.length);
    other.steps.forEach((s, i) => assert.notEqual(s.node, b.steps[i].node, 'another document has its own cache'));
  });

  test('a step that is edited and then edited back is parsed correctly both times', () => {
    const cache = new ParseCache();
    const edited = text.replace('freePercent: 50', 'freePercent: 40');
    parseRunbook(text, cache);
    parseRunbook(edited, cache);
    const back = parseRunbook(text, cache);
    assertSameAsWhole(text, back);
    assert.equal(back.steps.find((s) => s.id === 'check-room')?.with.freePercent, 50);
  });

  test('two identical steps share a cache entry but keep their own positions', () => {
    const twin = `${HEAD}steps:\n  - id: same\n    action: manual\n  - id: same\n    action: manual\n`;
    const parsed = parseRunbook(twin, new ParseCache());
    assert.equal(parsed.steps.length, 2);
    assert.equal(parsed.steps[0].node, parsed.steps[1].node, 'one parse of the text both steps share');
    assert.notDeepEqual(parsed.steps[0].span, parsed.steps[1].span);
    assert.deepEqual(
      parsed.steps.map((s) => s.anchor),
      [
        { start: twin.indexOf('same'), end: twin.indexOf('same') + 4 },
        { start: twin.lastIndexOf('same'), end: twin.lastIndexOf('same') + 4 },
      ],
    );
  });
});
