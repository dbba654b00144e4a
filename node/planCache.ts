/**
 * The plans of large runbooks, kept between CLI runs. `runbook run status`, `run tick` and
 * `report` each start a fresh process that needs the runbook's plan, and parsing a 10,000-step
 * runbook (2.2 MB of YAML) costs about a second before anything else happens. A plan depends only
 * on the runbook's text and on this build (the action catalogue gives default titles), so it is
 * kept under the text's SHA-256 with a fingerprint of the running build; any other build, or any
 * change of the text, misses and parses again.
 *
 * Where: $RUNBOOK_PLAN_CACHE, else $XDG_CACHE_HOME/runbook-studio/plans, else
 * ~/.cache/runbook-studio/plans; `RUNBOOK_PLAN_CACHE=off` turns it off. Never in the workspace.
 * Only texts of at least `MIN_CACHED_CHARS` are kept (small runbooks parse in a few ms). A cache
 * that cannot be read or written is ignored: it only ever saves time.
 */
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureUserCacheDir, ownedByUserOnly, userCacheDir } from './userCache';
import { sha256 } from '../core/records/digest';
import { planData, planFromData, type PlanData, type RunbookPlan } from '../core/records/plan';

/** About 1,000 steps: below this a parse costs less than reading a cached plan. */
export const MIN_CACHED_CHARS = 200_000;
/** Bumped when the cached file's layout changes. */
const LAYOUT = 1;
/** Plans kept; the oldest go first. */
const KEEP = 16;

interface CachedPlan {
  layout: number;
  build: string;
  plan: PlanData;
}

export function planCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return userCacheDir('plans', env.RUNBOOK_PLAN_CACHE, env);
}

/** The running build: the bundle (or module) this code runs from, by size and time. */
function buildFingerprint(): string {
  try {
    const s = statSync(__filename);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'unknown';
  }
}

/**
 * The plan of `text`: the cached one when this build made it from the same text, else `make()`
 * (then kept for the next run).
 */
export function cachedPlan(text: string, make: () => RunbookPlan, env: NodeJS.ProcessEnv = process.env): RunbookPlan {
  const dir = text.length >= MIN_CACHED_CHARS ? planCacheDir(env) : undefined;
  if (!dir) return make();
  const key = sha256(text);
  const file = join(dir, `${key}.json`);
  const build = buildFingerprint();
  // A plan decides what the checklist shows: never one from a folder someone else can write.
  const trusted = ownedByUserOnly(dir);
  try {
    if (!trusted) throw new Error('not ours alone');
    const cached = JSON.parse(readFileSync(file, 'utf8')) as CachedPlan;
    if (cached.layout === LAYOUT && cached.build === build && cached.plan?.sha256 === key)
      return planFromData(cached.plan);
  } catch {
    // Not there yet, or unreadable: parse.
  }
  const plan = make();
  try {
    if (!ensureUserCacheDir(dir)) return plan;
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ layout: LAYOUT, build, plan: planData(plan) } satisfies CachedPlan));
    renameSync(tmp, file);
    prune(dir);
  } catch {
    // A read-only home or a full disk: the next run parses again.
  }
  return plan;
}

function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .map((n) => ({ path: join(dir, n), at: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const f of files.slice(KEEP)) unlinkSync(f.path);
}
