/**
 * Facts of the reference article that a quick fix must never break, written independently of the
 * rules (a rule's own check would only confirm itself). Each returns what is wrong, or nothing.
 * The quick-fix sweep runs them on every runbook a fix produces.
 */
import { parseRunbook, type Step } from '../../../core/model/parse/parseRunbook';

type Fact = { name: string; broken(steps: readonly Step[], scenario: string | undefined): string | undefined };

/** The databases a step names, or its storage group, or '*' (everything). */
function scope(s: Step): string[] {
  const dbs = s.with.databases;
  if (Array.isArray(dbs) && dbs.length) return dbs.map((d) => String(d).toLowerCase());
  const sg = s.with.storageGroup;
  return typeof sg === 'string' ? [`sg:${sg.toLowerCase()}`] : ['*'];
}
const overlaps = (a: string[], b: string[]) =>
  a.includes('*') ||
  b.includes('*') ||
  a.some((x) => b.includes(x)) ||
  a.some((x) => x.startsWith('sg:')) ||
  b.some((x) => x.startsWith('sg:'));
const first = (steps: readonly Step[], action: string) => steps.find((s) => s.action === action);
const last = (steps: readonly Step[], action: string) => [...steps].reverse().find((s) => s.action === action);
const elsewhere = (s: Step) => typeof s.with.targetServer === 'string';

/** Whether a database is offline right before step `at`: the last dismount or mount of it decides. */
function offlineBefore(steps: readonly Step[], at: Step): boolean | undefined {
  let state: boolean | undefined;
  for (const s of steps) {
    if (s.index >= at.index) break;
    if (!overlaps(scope(s), scope(at))) continue;
    if (s.action === 'database.dismount' || s.action === 'database.set-do-not-mount') state = true;
    if (s.action === 'database.mount') state = false;
  }
  return state;
}

export const ARTICLE_FACTS: Fact[] = [
  {
    name: 'a database is dismounted when it is restored over',
    broken: (steps) => {
      const r = steps.find(
        (s) => s.action === 'database.restore' && !elsewhere(s) && offlineBefore(steps, s) === false,
      );
      return r && `${r.label} restores over a mounted database`;
    },
  },
  {
    name: 'current files are copied while the database is dismounted, when the runbook dismounts it at all',
    broken: (steps) => {
      const c = steps.find(
        (s) =>
          s.action === 'database.copy-existing' &&
          offlineBefore(steps, s) !== true &&
          steps.some((d) => d.action === 'database.dismount' && d.index > s.index && overlaps(scope(d), scope(s))),
      );
      return c && `${c.label} copies the files before the database is dismounted`;
    },
  },
  {
    name: 'a database checked as mounted is not dismounted again after its restore',
    broken: (steps) => {
      for (const v of steps.filter((s) => s.action === 'database.verify-mounted')) {
        const r = [...steps]
          .reverse()
          .find((s) => s.index < v.index && s.action === 'database.restore' && overlaps(scope(s), scope(v)));
        const d =
          r &&
          steps.find(
            (s) =>
              s.index > r.index &&
              s.index < v.index &&
              s.action === 'database.dismount' &&
              overlaps(scope(s), scope(v)),
          );
        if (d) return `${d.label} dismounts the database between its restore and ${v.label}`;
      }
      return undefined;
    },
  },
  {
    name: 'the System State comes back before Setup in Disaster Recovery mode',
    broken: (steps) => {
      const ss = first(steps, 'backup.restore-system-state');
      const dr = first(steps, 'exchange.setup-disaster-recovery');
      return ss && dr && dr.index < ss.index ? `${dr.label} runs before ${ss.label}` : undefined;
    },
  },
  {
    name: 'the closing restart of a server recovery follows every database, SRS and KMS restore',
    broken: (steps, scenario) => {
      if (!['member-server', 'srs-server', 'kms-server'].includes(scenario ?? '')) return undefined;
      const restart = last(steps, 'server.restart');
      const late = steps.find(
        (s) =>
          restart &&
          s.index > restart.index &&
          ['database.restore', 'srs.restore-database', 'kms.restore-database'].includes(s.action ?? ''),
      );
      return late && `${late.label} comes after the last restart`;
    },
  },
  {
    name: 'the lost node is evicted before a replacement is built or joined',
    broken: (steps) => {
      const ev = first(steps, 'cluster.evict-node');
      const b = steps.find((s) => s.action === 'cluster.build-node' || s.action === 'cluster.join-node');
      return ev && b && b.index < ev.index ? `${b.label} comes before ${ev.label}` : undefined;
    },
  },
  {
    name: 'step ids are unique',
    broken: (steps) => {
      const seen = new Set<string>();
      for (const s of steps) {
        if (s.id && seen.has(s.id)) return `'${s.id}' twice`;
        if (s.id) seen.add(s.id);
      }
      return undefined;
    },
  },
];

/** The names and findings of the facts a runbook breaks. */
export function brokenFacts(text: string): string[] {
  const parsed = parseRunbook(text);
  const scenario = typeof parsed.header?.scenario === 'string' ? parsed.header.scenario : undefined;
  return ARTICLE_FACTS.flatMap((f) => {
    const why = f.broken(parsed.steps, scenario);
    return why ? [`${f.name}: ${why}`] : [];
  });
}
