/**
 * The snippet file: one complete runbook per scenario, one step per action. Each scenario snippet,
 * expanded with its defaults, must lint clean; each step snippet must be a valid step.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../core/service';
import { ACTIONS } from '../../core/model/catalogue/actions';
import { SCENARIOS } from '../../core/model/catalogue/enums';
import type { Finding } from '../../core/model/findings';
import { OUTPUT, renderSnippets, type SnippetFile } from '../../scripts/build-snippets';

// ---------------------------------------------------------------------------------------------
// A small expander for the VS Code snippet syntax used here: `$N`, `${N}`, `${N:default}` (the
// default may hold further placeholders), `${N|a,b|}` (first choice) and `$0`; `\$`, `\}` and `\\`
// are escapes, and inside a choice `\,` and `\|` too. As in VS Code, a backslash before any other
// character stays as written, and every copy of a number takes the value of the first copy that
// has a default. Variables (`$NAME`) are not used by our snippets, so they are refused.

type Part = { kind: 'text'; text: string } | { kind: 'tab'; n: number; body?: Part[]; choices?: string[] };

function parseSnippet(src: string): Part[] {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i} of snippet: ${JSON.stringify(src.slice(Math.max(0, i - 20), i + 20))}`);
  };

  function choices(): string[] {
    const out: string[] = [];
    let cur = '';
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && ',|\\'.includes(src[i + 1] ?? '')) {
        cur += src[i + 1];
        i += 2;
        continue;
      }
      if (c === ',') {
        out.push(cur);
        cur = '';
        i++;
        continue;
      }
      if (c === '|' && src[i + 1] === '}') {
        out.push(cur);
        i += 2;
        return out;
      }
      cur += c;
      i++;
    }
    return fail('unclosed choice');
  }

  function sequence(inside: boolean): Part[] {
    const out: Part[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && '$}\\'.includes(src[i + 1] ?? '')) {
        text += src[i + 1];
        i += 2;
        continue;
      }
      if (c === '}' && inside) {
        flush();
        i++;
        return out;
      }
      if (c === '$') {
        const rest = src.slice(i);
        let m: RegExpExecArray | null;
        if ((m = /^\$(\d+)/.exec(rest)) || (m = /^\$\{(\d+)\}/.exec(rest))) {
          flush();
          out.push({ kind: 'tab', n: Number(m[1]) });
          i += m[0].length;
          continue;
        }
        if ((m = /^\$\{(\d+):/.exec(rest))) {
          flush();
          i += m[0].length;
          out.push({ kind: 'tab', n: Number(m[1]), body: sequence(true) });
          continue;
        }
        if ((m = /^\$\{(\d+)\|/.exec(rest))) {
          flush();
          i += m[0].length;
          out.push({ kind: 'tab', n: Number(m[1]), choices: choices() });
          continue;
        }
        if (/^\$(\{|[A-Za-z_])/.test(rest))
          fail('snippet variable or malformed placeholder (escape a literal $ as \\$)');
      }
      text += c;
      i++;
    }
    if (inside) fail('unclosed placeholder');
    flush();
    return out;
  }
  return sequence(false);
}

/** Every placeholder of the tree, depth first, in text order. */
function* placeholders(parts: Part[]): Generator<Extract<Part, { kind: 'tab' }>> {
  for (const p of parts) {
    if (p.kind !== 'tab') continue;
    yield p;
    if (p.body) yield* placeholders(p.body);
  }
}

/** Expands a snippet body; `values` overrides what a number expands to (it gets the default). */
function expandSnippet(src: string, values: (n: number, def: string) => string = (_n, d) => d): string {
  const parts = parseSnippet(src);
  const firstWithDefault = new Map<number, Extract<Part, { kind: 'tab' }>>();
  for (const p of placeholders(parts))
    if ((p.body || p.choices) && !firstWithDefault.has(p.n)) firstWithDefault.set(p.n, p);
  const cache = new Map<number, string>();
  const resolving = new Set<number>();
  const valueOf = (n: number): string => {
    if (n === 0) return '';
    const hit = cache.get(n);
    if (hit !== undefined) return hit;
    if (resolving.has(n)) throw new Error(`placeholder $${n} contains itself`);
    resolving.add(n);
    const p = firstWithDefault.get(n);
    const def = p?.choices ? p.choices[0] : p?.body ? render(p.body) : '';
    const v = values(n, def);
    resolving.delete(n);
    cache.set(n, v);
    return v;
  };
  const render = (list: Part[]): string => list.map((p) => (p.kind === 'text' ? p.text : valueOf(p.n))).join('');
  return render(parts);
}

/** The defaults of every placeholder number, as written at each of its copies. */
function defaultsByNumber(src: string): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const p of placeholders(parseSnippet(src))) {
    if (!p.body && !p.choices) continue;
    const written = p.choices ? `|${p.choices.join(',')}|` : JSON.stringify(p.body);
    let set = out.get(p.n);
    if (!set) out.set(p.n, (set = new Set()));
    set.add(written);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const snippets = JSON.parse(readFileSync(OUTPUT, 'utf8')) as SnippetFile;
const byPrefix = new Map(Object.values(snippets).map((s) => [s.prefix, s]));
const bodyOf = (prefix: string) => {
  const s = byPrefix.get(prefix);
  assert.ok(s, `no snippet with prefix ${prefix}`);
  return s.body.join('\n');
};

function lint(text: string): { findings: Finding[]; show: (fs: Finding[]) => string } {
  const service = createLanguageService();
  const { parsed, findings } = service.analyze('file:///x.runbook.yaml', text);
  const show = (fs: Finding[]) =>
    fs
      .map((f) => {
        const at = parsed.lines.positionAt(f.span.start);
        return `  ${at.line + 1}:${at.character + 1} ${f.severity} [${f.code}] ${f.message}`;
      })
      .join('\n');
  return { findings, show };
}

const numbered = (text: string) =>
  text
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(3)}| ${l}`)
    .join('\n');

describe('snippet expander', () => {
  test('handles defaults, mirrors, choices, nesting, $0 and escapes', () => {
    assert.equal(expandSnippet('a ${1:x} b $1 ${1} $0c'), 'a x b x x c');
    assert.equal(expandSnippet('$2 then ${2:late}'), 'late then late');
    assert.equal(expandSnippet('${1|full,incremental|} ${2:in ${1:ignored} it}'), 'full in full it');
    assert.equal(expandSnippet('\\$1 \\} \\\\ C:\\WINNT { k: v }'), '$1 } \\ C:\\WINNT { k: v }');
    assert.equal(expandSnippet('${1:a\\}b} ${2|x\\,y,z|}'), 'a}b x,y');
    assert.equal(
      expandSnippet('${1:EXCH01} and $1', (_n, d) => `${d}-alt`),
      'EXCH01-alt and EXCH01-alt',
    );
    assert.throws(() => expandSnippet('${1:open'), /unclosed placeholder/);
    assert.throws(() => expandSnippet('cost $HOME'), /variable/);
  });
});

describe('snippets/runbook.json', () => {
  test('is what scripts/build-snippets.ts writes (run `npx tsx scripts/build-snippets.ts`)', () => {
    assert.ok(
      readFileSync(OUTPUT, 'utf8') === renderSnippets(),
      'snippets/runbook.json is stale: run `npx tsx scripts/build-snippets.ts`',
    );
  });

  test('has the VS Code snippet shape, with unique prefixes', () => {
    const prefixes = new Set<string>();
    for (const [name, s] of Object.entries(snippets)) {
      assert.equal(typeof s.prefix, 'string', name);
      assert.equal(typeof s.description, 'string', name);
      assert.ok(s.description.length > 10, `${name} needs a description`);
      assert.ok(
        Array.isArray(s.body) && s.body.length > 0 && s.body.every((l) => typeof l === 'string'),
        `${name} body`,
      );
      assert.ok(!prefixes.has(s.prefix), `duplicate prefix ${s.prefix}`);
      prefixes.add(s.prefix);
    }
  });

  test('has a runbook snippet for every scenario', () => {
    for (const scenario of SCENARIOS) {
      const body = bodyOf(`runbook-${scenario}`);
      assert.match(body, new RegExp(`^scenario: ${scenario}$`, 'm'));
    }
  });

  test('has a step snippet for every action', () => {
    for (const action of ACTIONS)
      assert.match(
        bodyOf(`step-${action.id}`),
        new RegExp(`^  action: ${action.id.replace(/\./g, '\\.')}(\\$0)?$`, 'm'),
      );
  });
});

describe('scenario snippets', () => {
  for (const scenario of SCENARIOS) {
    test(`runbook-${scenario} expands to a runbook with no error or warning`, () => {
      const text = expandSnippet(bodyOf(`runbook-${scenario}`));
      const { findings, show } = lint(text);
      const bad = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.equal(bad.length, 0, `runbook-${scenario} expanded:\n${numbered(text)}\nfindings:\n${show(bad)}`);
    });

    test(`runbook-${scenario} raises no hint either`, () => {
      const text = expandSnippet(bodyOf(`runbook-${scenario}`));
      const { findings, show } = lint(text);
      assert.equal(findings.length, 0, `runbook-${scenario}:\n${show(findings)}`);
    });

    test(`runbook-${scenario}: each placeholder number has one default, and all copies change together`, () => {
      const body = bodyOf(`runbook-${scenario}`);
      for (const [n, defaults] of defaultsByNumber(body)) {
        assert.equal(defaults.size, 1, `$${n} is written with different defaults: ${[...defaults].join(' / ')}`);
      }
      // Give every placeholder another value: when a copy of an inventory value was written out
      // instead of reusing its placeholder, the rules see two different names and complain.
      const text = expandSnippet(body, (_n, d) => (d ? `${d}-alt` : d));
      const { findings, show } = lint(text);
      const bad = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.equal(
        bad.length,
        0,
        `runbook-${scenario} with every placeholder changed:\n${numbered(text)}\nfindings:\n${show(bad)}`,
      );
      // And no inventory value is left written out as plain text next to its placeholder, even
      // where no rule compares it (such as the server name of `ad.verify-server-object`).
      const defaults = new Map<number, string>();
      const tokens = expandSnippet(body, (n, d) => {
        defaults.set(n, d);
        return `<$${n}>`;
      });
      for (const [n, d] of defaults) {
        if (d.length < 4) continue; // drive letters and the like also occur in ordinary words
        const line = tokens.split('\n').findIndex((l) => l.includes(d));
        assert.equal(
          line,
          -1,
          `runbook-${scenario}: line ${line + 1} writes '${d}' out instead of using $${n}:\n${numbered(tokens)}`,
        );
      }
    });
  }
});

const MINIMAL = [
  'runbook: 1',
  'title: Step snippet check',
  'scenario: member-server',
  'server:',
  '  name: EXCH01',
  '  storageGroups:',
  '    - name: First Storage Group',
  '      logPath: E:\\Exchsrvr\\mdbdata',
  '      databases: [Mailbox Store (EXCH01)]',
  'steps:',
].join('\n');

describe('step snippets', () => {
  for (const action of ACTIONS) {
    test(`step-${action.id} is a valid ${action.id} step`, () => {
      const step = expandSnippet(bodyOf(`step-${action.id}`));
      const text = `${MINIMAL}\n${step
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}\n`;
      const { findings, show } = lint(text);
      const bad = findings.filter((f) => ['schema', 'unknown-action', 'yaml-syntax'].includes(f.code));
      assert.equal(bad.length, 0, `step-${action.id}:\n${numbered(text)}\nfindings:\n${show(bad)}`);
      const parsed = createLanguageService().parsed('file:///y.runbook.yaml', text);
      assert.equal(parsed.steps.length, 1);
      assert.equal(parsed.steps[0].action, action.id);
      if (action.params !== 'any') assert.deepEqual(Object.keys(parsed.steps[0].with), Object.keys(action.params));
    });
  }
});
