/**
 * CPU profile of our server on the 10,000-step edit loop: `node --import tsx bench/profile.ts`
 * (after `npm run build`). Runs out/server.js under `node --cpu-prof`, opens the clean 10,000-step
 * runbook, makes one-character edits each waiting for its diagnostics, then (with --completions N)
 * completion requests at an `action:` value, stops the server so the profile is written, and
 * prints, for the edit-loop window and the completion window separately, the functions with the
 * most self time (mapped through out/server.js.map to their source file and line), the same by
 * source file, and the callers of the top functions.
 *
 * Options: --steps N (10000), --messy (the many-findings family), --cold (spawn → first diagnostics
 * of a file opened right after `initialized`, no edits: what the first file costs), --edits N (30), --completions N (0), --after-edit (each completion is
 * sent right after a one-character edit, as when typing), --top N (20).
 * The profile is kept in bench/tmp/prof/ (open it in Chrome DevTools or VS Code), the summary in
 * bench/tmp/profile-summary.txt.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateMessyRunbook, generateRunbook } from './generate';
import { fileUri, LspClient } from './lib/lsp';
import { OURS, TMP } from './servers';
import { sleep, summarize, fmt, table } from './lib/stats';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const ROOT = resolve(__dirname, '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};

interface Recording {
  file: string;
  editWindow: [number, number];
  completionWindow: [number, number];
  editMs: number[];
  compMs: number[];
}

async function record(steps: number, edits: number, completions: number, afterEdit: boolean): Promise<Recording> {
  const dir = resolve(TMP, 'prof');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // --messy: the second family (about a quarter of the steps with a finding).
  const rb = process.argv.includes('--messy') ? generateMessyRunbook(steps) : generateRunbook(steps, false);
  const cold = process.argv.includes('--cold');
  const spawnedAt = Number(process.hrtime.bigint() / 1000n);
  const client = await LspClient.start(OURS, {
    rootUri: fileUri(TMP),
    cwd: TMP,
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', cold ? '100' : '250'],
  });
  // --cold: didOpen right after `initialized`, as an editor does, and the window is spawn → first diagnostics.
  if (!cold) await client.configured();
  const uri = fileUri(resolve(TMP, `profile-${steps}.runbook.yaml`));
  const opened = client.nextPublish((p) => p.uri === uri && p.version === 1, 120_000);
  const openSentAt = performance.now();
  await client.open(uri, rb.text, 1);
  const first = await opened;
  coldWindow = [spawnedAt, Number(process.hrtime.bigint() / 1000n)];
  coldTimes = { initializeMs: client.initializeMs, openMs: first.at - openSentAt };
  await sleep(300);
  const editMs: number[] = [];
  const compMs: number[] = [];
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  const editFrom = nowUs();
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const wait = client.nextPublish((p) => p.uri === uri && p.version === version, 120_000);
    const t0 = performance.now();
    await client.change(
      uri,
      version,
      { line: rb.edit.line, character: rb.edit.character },
      1,
      i % 2 === 0 ? rb.edit.replacement : rb.edit.original,
    );
    editMs.push((await wait).at - t0);
  }
  const editTo = nowUs();
  await sleep(100);
  const compFrom = nowUs();
  for (let i = 0; i < completions; i++) {
    const version = edits + i + 2;
    const wait = afterEdit ? client.nextPublish((p) => p.uri === uri && p.version === version, 120_000) : undefined;
    const t1 = performance.now();
    if (afterEdit)
      void client.change(
        uri,
        version,
        { line: rb.edit.line, character: rb.edit.character },
        1,
        (edits + i) % 2 === 0 ? rb.edit.replacement : rb.edit.original,
      );
    await client.request('textDocument/completion', { textDocument: { uri }, position: rb.completion });
    compMs.push(performance.now() - t1);
    await wait;
  }
  const compTo = nowUs();
  await client.stop();
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}; server stderr: ${client.stderr().slice(-1000)}`);
  return {
    file: resolve(dir, file),
    editWindow: [editFrom, editTo],
    completionWindow: [compFrom, compTo],
    editMs,
    compMs,
  };
}

/** --cold: spawn → first diagnostics (µs, same monotonic clock as the profile's), and the two figures. */
let coldWindow: [number, number] = [0, 0];
let coldTimes = { initializeMs: 0, openMs: 0 };

interface Place {
  name: string;
  where: string;
  file: string;
}

/** Functions of the pipeline whose inclusive time is worth seeing (names as in the bundle). */
const PHASES = [
  'analyze',
  'parseRunbook',
  'splitSteps',
  'parseChunked',
  'parsePiece',
  'toStepValue',
  'LineIndex',
  'collectFindings',
  'validateSchema',
  'runRules',
  'RuleContext',
  'applySuppressions',
  'toDiagnostic',
  'sendDiagnostics',
  'complete',
  'cursorAt',
  'stepFacts',
  'linesOf',
  'documentSymbols',
];

function analyze(profilePath: string, windowUs: [number, number], top: number, label: string): string {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile;
  const map = new SourceMap(JSON.parse(readFileSync(resolve(ROOT, 'out/serverMain.js.map'), 'utf8')));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const place = (n: ProfileNode): Place => {
    const cf = n.callFrame;
    const name = cf.functionName || '(anonymous)';
    if (!cf.url)
      return { name, where: name.startsWith('(') ? '' : '(native)', file: name.startsWith('(') ? name : '(native)' };
    if (cf.url.endsWith('/out/serverMain.js')) {
      const e = map.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number };
      if (e.originalSource) {
        const src = e.originalSource.replace(/^(\.\.\/)+/, '').replace(/^.*?node_modules\//, 'node_modules/');
        return { name, where: `${src}:${(e.originalLine ?? 0) + 1}`, file: src };
      }
    }
    const short = cf.url
      .replace(/^file:\/\//, '')
      .replace(/^.*?node_modules\//, 'node_modules/')
      .replace(/^node:/, 'node:');
    return { name, where: `${short}:${cf.lineNumber + 1}`, file: short };
  };

  // Self time per node, inside the window only.
  const self = new Map<number, number>();
  let t = profile.startTime;
  let inWindow = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < windowUs[0] || t > windowUs[1]) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
    inWindow += dt;
  }
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const idle = [...idleIds].reduce((s, id) => s + (self.get(id) ?? 0), 0);
  const busy = inWindow - idle;

  const byFunction = new Map<string, { place: Place; us: number; ids: number[] }>();
  const byFile = new Map<string, number>();
  for (const [id, us] of self) {
    if (idleIds.has(id)) continue;
    const p = place(byId.get(id)!);
    const key = `${p.name}@${p.where}`;
    const e = byFunction.get(key) ?? { place: p, us: 0, ids: [] };
    e.us += us;
    e.ids.push(id);
    byFunction.set(key, e);
    byFile.set(p.file, (byFile.get(p.file) ?? 0) + us);
  }
  // Inclusive time: by the outermost frame in server/src/server.ts (the LSP handler), and by phase.
  const byHandler = new Map<string, number>();
  const byPhase = new Map<string, number>();
  const stackOf = (id: number): ProfileNode[] => {
    const out: ProfileNode[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) out.push(byId.get(n)!);
    return out;
  };
  for (const [id, us] of self) {
    if (idleIds.has(id)) continue;
    const stack = stackOf(id);
    const handler = [...stack].reverse().find((n) => place(n).file === 'server/src/server.ts');
    const hkey = handler
      ? `${place(handler).name} (${place(handler).where})`
      : stack.some((n) => n.callFrame.functionName === '(garbage collector)')
        ? '(garbage collector)'
        : '(outside server.ts handlers: I/O, JSON-RPC, text sync)';
    byHandler.set(hkey, (byHandler.get(hkey) ?? 0) + us);
    const names = new Set(stack.map((n) => n.callFrame.functionName));
    for (const phase of PHASES) if (names.has(phase)) byPhase.set(phase, (byPhase.get(phase) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1)}%`;
  const msOf = (us: number) => (us / 1000).toFixed(0);
  const out: string[] = [];
  out.push(
    `${label} window ${(inWindow / 1000).toFixed(0)} ms: busy ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms. Shares are of busy time.`,
  );
  out.push('');
  out.push('Inclusive time by LSP handler (outermost frame in server/src/server.ts)');
  out.push(
    table([
      ['ms', 'share', 'handler'],
      ...[...byHandler.entries()].sort((a, b) => b[1] - a[1]).map(([h, us]) => [msOf(us), pct(us), h]),
    ]),
  );
  out.push('');
  out.push('Inclusive time by phase (a sample counts for every phase on its stack)');
  out.push(
    table([
      ['ms', 'share', 'function'],
      ...PHASES.filter((p) => byPhase.has(p)).map((p) => [msOf(byPhase.get(p)!), pct(byPhase.get(p)!), p]),
    ]),
  );
  out.push('');
  out.push(`Top ${top} functions by self time`);
  const fns = [...byFunction.values()].sort((a, b) => b.us - a.us);
  out.push(
    table([
      ['self ms', 'share', 'function', 'source'],
      ...fns.slice(0, top).map((f) => [msOf(f.us), pct(f.us), f.place.name, f.place.where]),
    ]),
  );
  out.push('');
  out.push('Self time by source file');
  const files = [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  out.push(table([['self ms', 'share', 'file'], ...files.map(([f, us]) => [msOf(us), pct(us), f])]));
  out.push('');
  out.push("Callers of the top functions (share of that function's self time, four frames up)");
  for (const f of fns.slice(0, 8)) {
    const chains = new Map<string, number>();
    for (const id of f.ids) {
      const frames: string[] = [];
      let p = parent.get(id);
      while (p !== undefined && frames.length < 4) {
        const n = byId.get(p)!;
        if (n.callFrame.functionName !== '(root)') {
          const pl = place(n);
          frames.push(`${pl.name} (${pl.where.replace(/^.*\//, '')})`);
        }
        p = parent.get(p);
      }
      const key = frames.join(' ← ') || '(top)';
      chains.set(key, (chains.get(key) ?? 0) + (self.get(id) ?? 0));
    }
    out.push(`- ${f.place.name} ${f.place.where} (${pct(f.us)}):`);
    for (const [chain, us] of [...chains.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3))
      out.push(`    ${((100 * us) / f.us).toFixed(0)}%  ← ${chain}`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const steps = arg('steps', 10_000);
  const edits = arg('edits', 30);
  const completions = arg('completions', 0);
  const top = arg('top', 20);
  const afterEdit = process.argv.includes('--after-edit');
  const rec = await record(steps, edits, completions, afterEdit);
  if (process.argv.includes('--cold')) {
    const report = [
      `CPU profile of out/server.js from spawn to the first diagnostics of a ${steps.toLocaleString('en')}-step runbook opened right after \`initialized\`${process.argv.includes('--messy') ? ' (many findings)' : ''}; --cpu-prof-interval 100 µs`,
      `Profile ${rec.file}`,
      `spawn → initialize answer ${coldTimes.initializeMs.toFixed(0)} ms, didOpen → first diagnostics ${coldTimes.openMs.toFixed(0)} ms (under the profiler)`,
      '',
      analyze(rec.file, coldWindow, top, 'Spawn → first diagnostics'),
      '',
    ].join('\n');
    writeFileSync(resolve(TMP, 'profile-summary.txt'), report);
    process.stdout.write(report);
    return;
  }
  const parts = [
    `CPU profile of out/server.js, ${steps.toLocaleString('en')}-step runbook: ${edits} one-character edits, then ${completions} completion requests${afterEdit ? ' each right after an edit' : ''}; --cpu-prof-interval 250 µs`,
    `Profile ${rec.file}`,
    `edit → diagnostics under the profiler: ${fmt(summarize(rec.editMs))} ms${completions ? `; completion ${fmt(summarize(rec.compMs))} ms` : ''}`,
    '',
  ];
  if (edits) parts.push(analyze(rec.file, rec.editWindow, top, 'Edit-loop'), '');
  if (completions)
    parts.push(
      analyze(
        rec.file,
        rec.completionWindow,
        top,
        afterEdit ? 'Completion-after-edit (includes the diagnostics of those edits)' : 'Completion',
      ),
      '',
    );
  const report = `${parts.join('\n')}\n`;
  writeFileSync(resolve(TMP, 'profile-summary.txt'), report);
  process.stdout.write(report);
}

main().catch((err) => {
  process.stderr.write(`profile failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
