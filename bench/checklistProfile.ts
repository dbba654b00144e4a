/**
 * CPU profile of each checklist operation at scale: `node --import tsx bench/checklistProfile.ts
 * [--steps 10000] [--top 25] [--ops plan,open,tick,status,report] [--cached]`. Sets up the workspace of
 * checklistScale.ts (a run half done, the runbook changed since), runs each operation once in a
 * fresh `node --cpu-prof` process, and prints the functions with the most self time and the
 * inclusive time of the record and plan functions, mapped through the bundle's source map to the
 * TypeScript source. Profiles stay in bench/tmp/checklist-prof/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, resolve } from 'node:path';
import { bundleOps, setUp, type ChecklistOp } from './checklistScale';
import { table } from './lib/stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const TMP = resolve(__dirname, 'tmp');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};

function summarizeProfile(file: string, mapFile: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (n: ProfileNode): string => {
    const cf = n.callFrame;
    if (cf.url.endsWith('checklist-ops.js')) {
      const e = map.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number };
      if (e.originalSource)
        return `${e.originalSource.replace(/^(\.\.\/)+/, '').replace(/^.*?node_modules\//, 'node_modules/')}:${(e.originalLine ?? 0) + 1}`;
    }
    return cf.url ? cf.url.replace(/^.*?node_modules\//, 'node_modules/') : '(native)';
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const selfFn = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') continue;
    total += us;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${where(n)}`;
    selfFn.set(key, (selfFn.get(key) ?? 0) + us);
    const seen = new Set<string>();
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const pn = byId.get(p)!;
      const k = `${pn.callFrame.functionName || '(anonymous)'} ${where(pn)}`;
      if (!seen.has(k)) incl.set(k, (incl.get(k) ?? 0) + us);
      seen.add(k);
    }
  }
  const ms = (us: number) => (us / 1000).toFixed(1);
  const rows = [...selfFn].sort((a, b) => b[1] - a[1]).slice(0, top);
  const inclRows = [...incl]
    .filter(([k]) => /(core|node|cli|client)\/|bench\/checklistOps/.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
  return [
    `busy ${ms(total)} ms (module loading included)`,
    table([['self ms', 'function and source'], ...rows.map(([k, us]) => [ms(us), k])]),
    '',
    table([['incl ms', 'function and source (ours)'], ...inclRows.map(([k, us]) => [ms(us), k])]),
  ].join('\n');
}

async function main(): Promise<void> {
  const steps = Number(arg('steps', '10000'));
  const top = Number(arg('top', '25'));
  const cached = process.argv.includes('--cached');
  const ops = arg('ops', 'plan,open,tick,status,report').split(',') as ChecklistOp[];
  const script = await bundleOps();
  const dir = join(TMP, `checklist-prof-ws-${steps}`);
  const profDir = join(TMP, 'checklist-prof');
  rmSync(profDir, { recursive: true, force: true });
  const { runbook, record, planFile, toTick } = await setUp(steps, dir);
  try {
    for (const op of ops) {
      const out = join(profDir, op);
      mkdirSync(out, { recursive: true });
      const args = [runbook, record, planFile, ...(op === 'tick' ? [toTick[0]] : [])];
      const env = { ...process.env, RUNBOOK_PLAN_CACHE: cached ? join(dir, 'plan-cache') : 'off' };
      // With --cached, a first run fills the plan cache, so the profile shows the cached run.
      if (cached && (op === 'status' || op === 'report')) spawnSync(process.execPath, [script, op, ...args], { env });
      const r = spawnSync(
        process.execPath,
        ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', out, script, op, ...args],
        // Without --cached, no plan cache: the profile shows the parse the first run pays.
        { encoding: 'utf8', env },
      );
      if (r.status !== 0) throw new Error(`${op} failed: ${r.stderr}`);
      const file = join(out, readdirSync(out)[0]);
      console.log(`\n== ${op} at ${steps} steps: ${r.stdout.trim()}`);
      console.log(summarizeProfile(file, `${script}.map`, top));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
