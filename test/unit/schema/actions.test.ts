/**
 * The `schema` check: every action's parameters (valid values, wrong types, unknown keys) and the
 * runbook header (required keys, version, unknown keys, step ids), plus files that are not runbooks.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS } from '../../../core/model/catalogue/actions';
import type { ParamSpec } from '../../../core/model/catalogue/types';
import {
  RESTORE_SG1,
  analyze,
  assertAt,
  diagnostics,
  type Diag,
  edit,
  expectAt,
  listing,
  rangeOf,
  runbook,
  step,
  textAt,
} from '../rules/helpers';

/** ajv's own wording, which must never reach a person. */
const RAW_AJV =
  /must be (string|boolean|number|integer|array|object|null|equal to)|must NOT|must match|must have required|must pass|must be [<>]=|allowed values|additional propert|instancePath|schemaPath/i;

function schemaErrors(text: string): Diag[] {
  return diagnostics(text).filter((d) => d.code === 'schema');
}

function onlySchema(text: string): Diag {
  const found = schemaErrors(text);
  assert.equal(found.length, 1, `expected one schema diagnostic, got ${found.length}:\n${listing(text)}`);
  return found[0];
}

function readable(d: Diag): void {
  assert.doesNotMatch(d.message, RAW_AJV, `raw ajv wording: ${d.message}`);
  assert.match(d.message, /^[`A-Z]/, `a message starts like a sentence: ${d.message}`);
  assert.match(d.message, /[.?]$/, `a message ends like a sentence: ${d.message}`);
}

/** A step whose `with:` is written in block style, one parameter per line, for exact ranges. */
function stepWith(id: string, action: string, params: [string, string][]): string {
  const body = params.map(([k, v]) => `  ${k}: ${v}`).join('\n');
  return `id: ${id}\naction: ${action}${params.length ? `\nwith:\n${body}` : ''}`;
}

function validValue(spec: ParamSpec): string {
  const t = spec.type;
  switch (t.kind) {
    case 'string':
      return 'Sample text';
    case 'boolean':
      return t.only === undefined ? 'true' : String(t.only);
    case 'number':
      return String(t.maximum !== undefined ? Math.min(50, t.maximum) : 50);
    case 'enum':
      return t.values[0];
    case 'string-list':
      return '[First, Second]';
    case 'enum-list':
      return `[${t.values[0]}]`;
    case 'all-or-list':
      return 'all';
  }
}

/** A value of the wrong type, and what the message must mention. */
function wrongValue(name: string, spec: ParamSpec): { value: string; mentions: string } {
  const t = spec.type;
  switch (t.kind) {
    case 'string':
      return { value: '[1, 2]', mentions: `\`${name}\`` };
    case 'boolean':
      return { value: "'yes'", mentions: `\`${name}\`` };
    case 'number':
      return { value: 'lots', mentions: `\`${name}\`` };
    case 'enum':
      return { value: '42', mentions: '`42`' };
    case 'string-list':
      return { value: 'single', mentions: `\`${name}\`` };
    case 'enum-list':
      return { value: 'single', mentions: `\`${name}\`` };
    case 'all-or-list':
      return { value: '5', mentions: `\`${name}\`` };
  }
}

/** A close misspelling of a parameter name: its last two letters swapped, or one letter added. */
function typo(name: string): string {
  return name.length > 3 ? `${name.slice(0, -2)}${name.at(-1)}${name.at(-2)}` : `${name}s`;
}

const withParams = ACTIONS.filter((a) => a.params !== 'any');

describe('every action: valid parameters pass', () => {
  for (const action of ACTIONS) {
    test(action.id, () => {
      const params =
        action.params === 'any'
          ? ([
              ['anything', 'goes'],
              ['count', '3'],
            ] as [string, string][])
          : Object.entries(action.params).map(([k, spec]) => [k, validValue(spec)] as [string, string]);
      const text = runbook({ steps: [stepWith('the-step', action.id, params)] });
      assert.deepEqual(schemaErrors(text), [], listing(text));
    });
  }
});

describe('every parameter: a wrong type is one readable schema error on the value', () => {
  for (const action of withParams) {
    const params = action.params as Record<string, ParamSpec>;
    for (const [name, spec] of Object.entries(params)) {
      test(`${action.id} ${name} (${spec.type.kind})`, () => {
        const wrong = wrongValue(name, spec);
        const others = Object.entries(params)
          .filter(([k]) => k !== name)
          .map(([k, s]) => [k, validValue(s)] as [string, string]);
        const text = runbook({ steps: [stepWith('the-step', action.id, [[name, wrong.value], ...others])] });
        const d = onlySchema(text);
        assertAt(text, d, `  ${name}: «${wrong.value}»`);
        readable(d);
        assert.ok(d.message.includes(wrong.mentions), `the message does not mention ${wrong.mentions}: ${d.message}`);
        assert.equal(d.severity, 1);
      });
    }
  }
});

describe('every action: an unknown parameter is reported on its key', () => {
  for (const action of withParams) {
    const params = Object.keys(action.params as Record<string, ParamSpec>);
    if (params.length === 0) {
      test(`${action.id} takes no parameters`, () => {
        const text = runbook({ steps: [stepWith('the-step', action.id, [['extra', 'value']])] });
        const d = onlySchema(text);
        assertAt(text, d, '  «extra»: value');
        readable(d);
        assert.ok(d.message.includes(`\`${action.id}\``) && d.message.includes('`extra`'), d.message);
        assert.doesNotMatch(d.message, /Did you mean/);
      });
      continue;
    }
    const misspelt = typo(params[0]);
    test(`${action.id} ${misspelt} → did you mean ${params[0]}`, () => {
      const text = runbook({
        steps: [
          stepWith('the-step', action.id, [
            [misspelt, validValue((action.params as Record<string, ParamSpec>)[params[0]])],
          ]),
        ],
      });
      const d = onlySchema(text);
      assertAt(text, d, `  «${misspelt}»: `);
      readable(d);
      assert.ok(d.message.includes(`Did you mean \`${params[0]}\``), d.message);
    });
  }
  test('a name far from every parameter lists what the action takes', () => {
    const text = runbook({ steps: [stepWith('the-step', 'database.mount', [['zzzzzzzz', 'x']])] });
    const d = onlySchema(text);
    assertAt(text, d, '  «zzzzzzzz»: x');
    assert.doesNotMatch(d.message, /Did you mean/);
    assert.match(d.message, /storageGroup, databases/);
  });
  test('the wrong case of a parameter is suggested', () => {
    const text = runbook({ steps: [stepWith('the-step', 'database.mount', [['storagegroup', 'SG1']])] });
    assert.ok(onlySchema(text).message.includes('Did you mean `storageGroup`'));
  });
  test('`manual` takes any parameter', () => {
    assert.deepEqual(
      schemaErrors(
        runbook({
          steps: [
            stepWith('the-step', 'manual', [
              ['whatever', 'x'],
              ['nested', '{ a: 1 }'],
            ]),
          ],
        }),
      ),
      [],
    );
  });
});

describe('parameter values', () => {
  test('an enum value with a typo suggests the nearest value', () => {
    const text = runbook({
      steps: [
        stepWith('the-step', 'database.restore', [
          ['storageGroup', 'SG1'],
          ['backupSet', 'ful'],
        ]),
      ],
    });
    const d = onlySchema(text);
    assertAt(text, d, '  backupSet: «ful»');
    assert.ok(d.message.includes('Did you mean `full`'), d.message);
    readable(d);
  });
  test('a bad member of an enum list is reported on that member', () => {
    const text = runbook({
      steps: [
        stepWith('the-step', 'exchange.setup-disaster-recovery', [
          ['components', '[messaging-and-collaboration, sytem-management-tools]'],
        ]),
      ],
    });
    const d = onlySchema(text);
    assertAt(text, d, 'messaging-and-collaboration, «sytem-management-tools»]');
    assert.ok(d.message.includes('Did you mean `system-management-tools`'), d.message);
  });
  test('a number out of range is reported on the number', () => {
    const text = runbook({ steps: [stepWith('the-step', 'disk.check-capacity', [['freePercent', '150']])] });
    const d = onlySchema(text);
    assertAt(text, d, '  freePercent: «150»');
    assert.match(d.message, /`freePercent`.*100/);
  });
  test('`passwordParameter: false` explains why it must be true', () => {
    const text = runbook({ steps: [stepWith('the-step', 'kms.start-service', [['passwordParameter', 'false']])] });
    const d = onlySchema(text);
    assertAt(text, d, '  passwordParameter: «false»');
    assert.match(d.message, /console/);
  });
  test('`nodes` takes `all` or a list of node names', () => {
    assert.deepEqual(
      schemaErrors(runbook({ steps: [stepWith('the-step', 'cluster.stop-service', [['nodes', '[NODE1, NODE2]']])] })),
      [],
    );
    const text = runbook({ steps: [stepWith('the-step', 'cluster.stop-service', [['nodes', 'some']])] });
    assertAt(text, onlySchema(text), '  nodes: «some»');
  });
  test('`with:` that is not a mapping is one error on the value', () => {
    const text = runbook({ steps: [step('the-step', 'database.mount', undefined, 'with: 5')] });
    const d = onlySchema(text);
    assertAt(text, d, 'with: «5»');
    readable(d);
  });
  test('two wrong parameters are two errors, one on each value', () => {
    const text = runbook({
      steps: [
        stepWith('the-step', 'disk.check-capacity', [
          ['drive', '[C]'],
          ['freePercent', 'half'],
        ]),
      ],
    });
    const found = schemaErrors(text);
    assert.equal(found.length, 2, listing(text));
    assert.deepEqual(found.map((d) => textAt(text, d.range)).sort(), ['[C]', 'half']);
  });
});

describe('header schema', () => {
  const base = runbook({ steps: RESTORE_SG1 });
  test('the base runbook has no schema error', () => assert.deepEqual(schemaErrors(base), []));

  for (const key of ['title', 'scenario']) {
    test(`\`${key}\` missing: one error naming it, at the start of the file`, () => {
      const text = base
        .split('\n')
        .filter((l) => !l.startsWith(`${key}:`))
        .join('\n');
      const d = onlySchema(text);
      assert.ok(d.message.includes(`\`${key}\``), d.message);
      assert.deepEqual(d.range.start, { line: 0, character: 0 });
      readable(d);
    });
  }
  test('`runbook` missing', () => {
    const d = onlySchema(base.replace('runbook: 1\n', ''));
    assert.ok(d.message.includes('`runbook`'), d.message);
  });
  test('`server` missing', () => {
    const text = base.replace(/server:\n(  .*\n)+/, '');
    const d = onlySchema(text);
    assert.ok(d.message.includes('`server`'), d.message);
  });
  test('`server.name` missing: reported on the `server` key', () => {
    const text = edit(base, '  name: EXCH01\n', '');
    const d = onlySchema(text);
    assertAt(text, d, '«server»:\n');
    assert.ok(d.message.includes('`name`'), d.message);
  });
  test('`steps` missing', () => {
    const d = onlySchema(base.slice(0, base.indexOf('steps:')));
    assert.ok(d.message.includes('`steps`'), d.message);
  });
  test('an empty step list: reported on `steps`', () => {
    const text = `${base.slice(0, base.indexOf('steps:'))}steps: []\n`;
    const d = onlySchema(text);
    assertAt(text, d, '«steps»: []');
    assert.match(d.message, /at least one step/);
  });
  test('a step without `action`: reported on its id', () => {
    const text = edit(base, '  - id: check-store\n    action: store.verify-running\n', '  - id: check-store\n');
    const d = onlySchema(text);
    assertAt(text, d, 'id: «check-store»');
    assert.ok(d.message.includes('`action`'), d.message);
  });
  test('a step without `id`: reported on the step', () => {
    const text = edit(
      base,
      '  - id: check-store\n    action: store.verify-running\n',
      '  - action: store.verify-running\n',
    );
    const d = onlySchema(text);
    assert.ok(d.message.includes('`id`'), d.message);
    assertAt(text, d, '  - «a»ction: store.verify-running');
  });
  test('`runbook: 2`: reported on the version', () => {
    const text = edit(base, 'runbook: 1', 'runbook: 2');
    const d = expectAt(text, 'schema', 'runbook: «2»');
    assert.match(d.message, /runbook: 1/);
    readable(d);
  });
  test("`runbook: '1'` (text, not a number) is the wrong version too", () => {
    const text = edit(base, 'runbook: 1', "runbook: '1'");
    expectAt(text, 'schema', "runbook: «'1'»");
  });
  test('an unknown top-level key: reported on the key, with did-you-mean', () => {
    const text = edit(base, 'title: Test runbook\n', 'title: Test runbook\ndescripton: Longer text\n');
    const d = expectAt(text, 'schema', '«descripton»: Longer text');
    assert.ok(d.message.includes('Did you mean `description`'), d.message);
    readable(d);
  });
  test('an unknown top-level key after the steps is found too', () => {
    const text = `${base}titel: Late\n`;
    const d = expectAt(text, 'schema', '«titel»: Late');
    assert.ok(d.message.includes('Did you mean `title`'), d.message);
  });
  test('an unknown inventory key: did-you-mean', () => {
    const text = edit(base, '  name: EXCH01\n', '  name: EXCH01\n  exchangPath: D:\\Exchsrvr\n');
    const d = expectAt(text, 'schema', '«exchangPath»: D:');
    assert.ok(d.message.includes('Did you mean `exchangePath`'), d.message);
  });
  test('an unknown step key: did-you-mean', () => {
    const text = edit(base, '  - id: check-store\n', '  - id: check-store\n    notse: Read first\n');
    const d = expectAt(text, 'schema', '«notse»: Read first');
    assert.ok(d.message.includes('Did you mean `notes`'), d.message);
  });
  test('a scenario with a typo: did-you-mean on the value', () => {
    const text = edit(base, 'scenario: database-restore', 'scenario: databse-restore');
    const d = expectAt(text, 'schema', 'scenario: «databse-restore»');
    assert.ok(d.message.includes('Did you mean `database-restore`'), d.message);
  });
  for (const bad of ['Check_Store', 'check--store', 'check-store-', '-check']) {
    test(`step id \`${bad}\` is not kebab-case: reported on the id`, () => {
      const text = edit(base, 'id: check-store', `id: ${bad}`);
      const d = expectAt(text, 'schema', `id: «${bad}»`);
      assert.match(d.message, /kebab-case/);
      readable(d);
    });
  }
  test('a valid step id with digits', () => {
    assert.deepEqual(schemaErrors(edit(base, 'id: check-store', 'id: check-store-2')), []);
  });
});

describe('files that are not runbooks', () => {
  const NOT_A_RUNBOOK: [string, string][] = [
    ['a CI workflow', 'name: CI\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n'],
    ['a list', '- one\n- two\n'],
    ['a scalar', 'just some words\n'],
  ];
  for (const [what, text] of NOT_A_RUNBOOK) {
    test(`${what}: one clear diagnostic on the first line`, () => {
      const all = diagnostics(text);
      assert.equal(all.length, 1, listing(text, all));
      assert.equal(all[0].code, 'schema');
      assert.equal(all[0].range.start.line, 0);
      assert.equal(all[0].range.end.line, 0);
      assert.match(all[0].message, /not a runbook/);
      assert.match(all[0].message, /runbook: 1/);
    });
  }
  for (const [what, text] of [
    ['an empty file', ''],
    ['blank lines and comments', '\n# nothing yet\n\n'],
  ]) {
    test(`${what}: one diagnostic saying it is empty, at the start`, () => {
      const all = diagnostics(text);
      assert.equal(all.length, 1, listing(text, all));
      assert.equal(all[0].code, 'schema');
      assert.deepEqual(all[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.match(all[0].message, /empty/);
    });
  }
  test('a NUL byte inside a runbook: reported on that byte', () => {
    const text = edit(runbook({ steps: RESTORE_SG1 }), 'title: Test runbook', 'title: Test\u0000runbook');
    const all = diagnostics(text);
    const d = all.find((x) => /binary/.test(x.message));
    assert.ok(d, listing(text, all));
    assert.equal(d.code, 'yaml-syntax');
    assert.deepEqual(d.range, rangeOf(text, 'title: Test«\u0000»runbook'));
  });
  const png = '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000';
  test('a binary file: the diagnostic says so, on the first control character', () => {
    const all = diagnostics(png);
    const d = all.find((x) => /binary/.test(x.message));
    assert.ok(d, listing(png, all));
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
    assert.match(d.message, /U\+001A/);
  });
  test('a binary file gets that one diagnostic only', () => {
    const all = diagnostics(png);
    assert.equal(all.length, 1, listing(png, all));
  });
  test('random bytes never throw and give few diagnostics', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const bytes = Array.from({ length: 4096 }, () => String.fromCharCode(rnd() % 256)).join('');
    const all = diagnostics(bytes);
    assert.ok(all.length >= 1 && all.length <= 5, listing(bytes, all));
  });
});

describe('a 5 MB runbook', () => {
  // About 24,000 steps. On the development machine the first analysis took 1.1 s to 4.5 s
  // (the slower figure includes compiling the schema and a cold JIT), and an analysis after a
  // one-character edit about 0.15 s. Timing is noted here only: no assertion depends on it.
  test('is analysed completely', () => {
    const steps: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const s = step(
        `step-${i}`,
        'manual',
        undefined,
        `title: Step number ${i} of a long runbook, written to check that a large file is analysed`,
        'notes: Confirm the previous step finished and record what you saw in the evidence field.',
      );
      steps.push(s);
      size += s.length + 8;
    }
    const text = runbook({ steps });
    assert.ok(text.length >= 5 * 1024 * 1024);
    const result = analyze(text);
    assert.equal(result.parsed.steps.length, steps.length);
    assert.equal(result.parsed.steps.at(-1)?.id, `step-${steps.length - 1}`);
    assert.deepEqual(result.diagnostics, []);
  });
});
