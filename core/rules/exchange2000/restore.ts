/**
 * The built-in rules of the article section "Restoring One or More Exchange Databases" (with "Restoring Multiple Databases in a Single
 * Storage Group" and "Recovering Databases"): what must hold before, during and after a restore.
 * Declarative rules are data (several entries may share an id: together they are that rule);
 * the rules that need logic are code. Facts come from shared/reference; the wording is ours.
 */
import type { Step } from '../../model/parse/parseRunbook';
import type { RuleContext } from '../context';
import { defineRule } from '../define';
import { elsewhere } from '../declarative/match';
import { act, restore } from './matchers';
import type { RuleSection } from './section';

/** A run of restores of one storage group that starts with a full (or copy) backup set. */
interface Sequence {
  group: string;
  restores: Step[];
}

function sequences(ctx: RuleContext): { sequences: Sequence[]; orphans: Step[] } {
  const open = new Map<string, Sequence>();
  const all: Sequence[] = [];
  const orphans: Step[] = [];
  for (const step of ctx.withAction('database.restore')) {
    const group = (ctx.stepGroup(step) ?? '').toLowerCase();
    const set = step.with.backupSet;
    if (set !== undefined && !['full', 'copy', 'incremental', 'differential'].includes(String(set))) continue; // the schema reports it
    if (set === 'full' || set === 'copy' || set === undefined) {
      const seq = { group, restores: [step] };
      open.set(group, seq);
      all.push(seq);
    } else {
      const seq = open.get(group);
      if (seq) seq.restores.push(step);
      else orphans.push(step);
    }
  }
  return { sequences: all, orphans };
}

export const restoreSequence = defineRule(
  'restore-sequence',
  'error',
  'A restore sequence starts with a full backup.',
  ['database.restore'],
  (ctx, report) => {
    const { sequences: seqs, orphans } = sequences(ctx);
    for (const step of orphans) {
      report({
        span: step.paramSpan('backupSet'),
        message: `${step.label} restores the ${String(step.with.backupSet)} backup set with no full restore of its storage group before it; restore the full backup first.`,
      });
    }
    for (const seq of seqs) {
      let differential: Step | undefined;
      for (const step of seq.restores.slice(1)) {
        const set = step.with.backupSet;
        if (differential) {
          report({
            span: step.paramSpan('backupSet'),
            message: `${step.label} restores a ${String(set)} set after the differential ${differential.label}; a differential already holds every change since the full backup, so it is the only set after the full one.`,
            related: [{ span: differential.anchor, message: `${differential.label} restores the differential` }],
          });
        } else if (set === 'differential') {
          if (seq.restores.indexOf(step) > 1) {
            report({
              span: step.paramSpan('backupSet'),
              message: `${step.label} mixes a differential set into a sequence of incrementals; use either incrementals or one differential after the full restore.`,
            });
          }
          differential = step;
        }
      }
    }
  },
);

export const lastRestoreSetFinal = defineRule(
  'last-restore-set-final',
  'error',
  '`lastRestoreSet` is true on the last restore of a sequence only.',
  ['database.restore'],
  (ctx, report) => {
    for (const seq of sequences(ctx).sequences) {
      seq.restores.forEach((step, i) => {
        const last = i === seq.restores.length - 1;
        const flag = step.with.lastRestoreSet;
        if (last && flag !== true) {
          report({
            span: step.paramSpan('lastRestoreSet'),
            message: `${step.label} is the last restore of its sequence: set \`lastRestoreSet: true\` so the logs are replayed and the database can be mounted.`,
            data: { fix: 'set-param', step: step.index, param: 'lastRestoreSet', value: true },
          });
        } else if (!last && flag === true) {
          report({
            span: step.paramSpan('lastRestoreSet'),
            message: `${step.label} is not the last restore of its sequence, but \`lastRestoreSet: true\` would start log replay and refuse the sets that follow.`,
            data: { fix: 'set-param', step: step.index, param: 'lastRestoreSet', value: false },
          });
        }
      });
    }
  },
);

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
/** Per check, the lower-case databases of each step: the restore rules ask for them again and again. */
const lowerCache = new WeakMap<RuleContext, Map<Step, string[]>>();
const lowerDbs = (ctx: RuleContext, s: Step): string[] => {
  let byStep = lowerCache.get(ctx);
  if (!byStep) lowerCache.set(ctx, (byStep = new Map()));
  let dbs = byStep.get(s);
  if (!dbs) byStep.set(s, (dbs = (ctx.concernedDatabases(s) ?? []).map((d) => d.toLowerCase())));
  return dbs;
};

/** Per database (lower case), the indexes of steps concerning it, in order; `*` for steps concerning all. */
function indexByDatabase(ctx: RuleContext, steps: Step[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of steps) {
    const dbs = lowerDbs(ctx, s);
    for (const db of dbs.length ? dbs : ['*']) {
      let list = out.get(db);
      if (!list) out.set(db, (list = []));
      list.push(s.index);
    }
  }
  return out;
}

/** True when some index in the sorted list lies strictly between `after` and `before`. */
function anyBetween(sorted: number[] | undefined, after: number, before: number): boolean {
  if (!sorted) return false;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < before;
}

export const serialRestoreMountBetween = defineRule(
  'serial-restore-mount-between',
  'error',
  'In one storage group, mount a restored database before restoring the next.',
  ['database.restore', 'database.mount', 'database.verify-mounted'],
  (ctx, report) => {
    const seqs = sequences(ctx).sequences;
    const allMounts = ctx.withAction('database.mount', 'database.verify-mounted');
    const previous = new Map<string, Sequence>();
    // The mounts indexed once per `parallel:` group of a restore (most have none), not once per
    // sequence: a runbook restoring databases again and again has thousands of sequences.
    const mountsBesides = new Map<unknown, Map<string, number[]>>();
    const mountsOutside = (group: unknown) => {
      let index = mountsBesides.get(group);
      if (!index)
        mountsBesides.set(
          group,
          (index = indexByDatabase(
            ctx,
            allMounts.filter((m) => !group || m.parallel !== group),
          )),
        );
      return index;
    };
    for (const seq of seqs) {
      const before = previous.get(seq.group);
      previous.set(seq.group, seq);
      if (!before || !seq.group) continue;
      const earlierDbs = lowerDbs(ctx, before.restores[0]);
      if (sameSet(earlierDbs, lowerDbs(ctx, seq.restores[0]))) continue;
      const end = before.restores[before.restores.length - 1].index;
      const start = seq.restores[0].index;
      // A mount in the same `parallel:` group as the next restore runs beside it, not before it.
      const mounts = mountsOutside(seq.restores[0].parallel);
      const mounted =
        anyBetween(mounts.get('*'), end, start) || earlierDbs.some((d) => anyBetween(mounts.get(d), end, start));
      if (mounted) continue;
      report({
        span: seq.restores[0].anchor,
        message: `${seq.restores[0].label} restores another database of the same storage group before ${before.restores[0].label}'s databases are mounted; restore them one after the other, mounting in between, or in one step.`,
        related: [{ span: before.restores[before.restores.length - 1].anchor, message: 'The earlier restore' }],
        data: {
          fix: 'insert-before',
          target: seq.restores[0].index,
          insert: { action: 'database.mount' },
          fromStep: before.restores[0].index,
        },
      });
    }
  },
);

/** The step takes all of these databases (lower case; '*' for all) offline. */
function covers(ctx: RuleContext, step: Step, dbs: string[]): boolean {
  const own = lowerDbs(ctx, step);
  return own.length === 0 || dbs.every((d) => d !== '*' && own.includes(d));
}

/** The first copy of these databases' files written before the restore, if any. */
function copyBefore(ctx: RuleContext, restore: Step, dbs: string[]): number | undefined {
  return ctx.withAction('database.copy-existing').find((c) => c.index < restore.index && covers(ctx, c, dbs))?.index;
}

export const dismountBeforeRestore = defineRule(
  'dismount-before-restore',
  'error',
  'A restored database was dismounted first and stays dismounted.',
  ['database.restore', 'database.dismount', 'database.set-do-not-mount', 'database.mount'],
  (ctx, report) => {
    // One pass in runbook order, remembering per database the last step that took it offline and
    // the last that mounted it; a step naming no database (nor storage group) concerns them all.
    const lastOff = new Map<string, Step>();
    const lastMount = new Map<string, Step>();
    let allOff: Step | undefined;
    let allMount: Step | undefined;
    const later = (a: Step | undefined, b: Step | undefined) => (!a ? b : !b ? a : a.index > b.index ? a : b);
    const reported = new Set<string>();
    for (const step of ctx.withAction(
      'database.dismount',
      'database.set-do-not-mount',
      'database.mount',
      'database.restore',
    )) {
      const dbs = lowerDbs(ctx, step);
      if (step.action === 'database.dismount' || step.action === 'database.set-do-not-mount') {
        if (dbs.length) dbs.forEach((d) => lastOff.set(d, step));
        else allOff = step;
        continue;
      }
      if (step.action === 'database.mount') {
        if (dbs.length) dbs.forEach((d) => lastMount.set(d, step));
        else allMount = step;
        continue;
      }
      if (elsewhere(ctx, step)) continue; // a restore onto another server does not touch this one's databases
      const names = ctx.concernedDatabases(step) ?? [];
      const wanted = names.length ? names.map((d) => d.toLowerCase()) : ['*'];
      const missing: string[] = [];
      let remounted: { remount: Step; off: Step } | undefined;
      for (const db of wanted) {
        const off = db === '*' ? [...lastOff.values()].reduce(later, allOff) : later(lastOff.get(db), allOff);
        if (!off) {
          if (!reported.has(db)) missing.push(db);
          continue;
        }
        const mount = db === '*' ? [...lastMount.values()].reduce(later, allMount) : later(lastMount.get(db), allMount);
        if (mount && mount.index > off.index && !remounted) remounted = { remount: mount, off };
      }
      if (missing.length) {
        missing.forEach((db) => reported.add(db));
        const laterDismount = ctx
          .withAction('database.dismount')
          .find((d) => d.index > step.index && covers(ctx, d, missing));
        const shown = names.filter((d) => missing.includes(d.toLowerCase()));
        report({
          span: step.anchor,
          message: `${step.label} restores over ${shown.length ? shown.map((n) => `'${n}'`).join(', ') : 'databases'} that no earlier step dismounts; dismount them first (\`database.dismount\`).`,
          data: laterDismount
            ? // The dismount is written, only too late: move it (before any copy of the files too,
              // which should read closed files) rather than add a second one.
              { fix: 'move-before', move: laterDismount.index, target: copyBefore(ctx, step, missing) ?? step.index }
            : {
                fix: 'insert-before',
                target: copyBefore(ctx, step, missing) ?? step.index,
                insert: { action: 'database.dismount' },
                fromStep: step.index,
              },
        });
      } else if (remounted) {
        const { remount, off } = remounted;
        report({
          span: step.anchor,
          message: `${remount.label} mounts the databases again after ${off.label} dismounted them, so ${step.label} would restore over a mounted database.`,
          related: [{ span: remount.anchor, message: `${remount.label} mounts them` }],
          data: { fix: 'move-after', move: remount.index, target: step.index },
        });
      }
    }
  },
);

const norm = (p: string) =>
  p
    .trim()
    .replace(/[\\/]+$/, '')
    .toLowerCase();

export const tempLogPathDiffers = defineRule(
  'temp-log-path-differs',
  'error',
  'Restores use a temporary log folder of their own.',
  ['database.restore'],
  (ctx, report) => {
    for (const step of ctx.withAction('database.restore')) {
      const temp = step.with.tempLogPath;
      if (typeof temp !== 'string' || !temp.trim()) {
        report({
          span: step.anchor,
          message: `${step.label} needs \`tempLogPath\`: a folder where the restored logs wait until they are replayed.`,
        });
        continue;
      }
      const sg = ctx.stepGroup(step);
      const logPath = sg ? ctx.storageGroup(sg)?.logPath : undefined;
      if (logPath && norm(logPath) === norm(temp)) {
        report({
          span: step.paramSpan('tempLogPath'),
          message: `${step.label} puts restored logs in '${temp}', the live log folder of '${sg}'; the restored logs would overwrite the current ones. Use another folder.`,
        });
      }
    }
  },
);

export const alternateServerNamesMatch = defineRule(
  'alternate-server-names-match',
  'error',
  'Restoring to another server needs matching names.',
  ['database.restore', 'prereq.confirm'],
  (ctx, report) => {
    const checks = ctx
      .withAction('manual', 'prereq.confirm')
      .filter((s) => s.with.item === 'matching-names' || s.with.confirms === 'matching-names');
    for (const step of ctx.withAction('database.restore')) {
      const target = step.with.targetServer;
      if (typeof target !== 'string' || (ctx.server.name && target.toLowerCase() === ctx.server.name.toLowerCase()))
        continue;
      if (checks.some((c) => c.index < step.index)) continue;
      const late = checks.find((c) => c.index > step.index);
      report({
        span: step.paramSpan('targetServer'),
        severity: late ? 'error' : 'warning',
        message: late
          ? `${late.label} checks the names only after ${step.label} restores to '${target}'; move the check before the restore.`
          : `Before ${step.label} restores to '${target}', confirm that the database, storage group, organization and administrative group names there match the original (\`prereq.confirm\` with \`item: matching-names\`).`,
        related: late ? [{ span: late.anchor, message: 'The check' }] : undefined,
        data: late
          ? { fix: 'move-before', move: late.index, target: step.index }
          : {
              fix: 'insert-before',
              target: step.index,
              insert: { action: 'prereq.confirm', with: { item: 'matching-names' } },
            },
      });
    }
  },
);

export const restoreSection: RuleSection = {
  id: 'restore',
  article: 'Restoring One or More Exchange Databases',
  coded: [
    dismountBeforeRestore,
    tempLogPathDiffers,
    restoreSequence,
    lastRestoreSetFinal,
    serialRestoreMountBetween,
    alternateServerNamesMatch,
  ],
  declarative: [
    {
      kind: 'order',
      id: 'store-running-before-restore',
      severity: 'error',
      summary: 'The Information Store runs before any restore.',
      before: act('store.verify-running'),
      after: restore,
      afterPick: 'first',
      require: 'before',
      message: 'The restore {step} starts before {other} checks that the Information Store is running.',
      missingMessage:
        'Before the first restore {step}, add a `store.verify-running` step: a restore fails when the Information Store is stopped.',
    },
    {
      kind: 'order',
      id: 'copy-before-restore',
      severity: 'warning',
      summary: 'Copy the current database files aside before a restore.',
      when: { exceptScenarios: ['cluster-quorum'] },
      before: act('database.copy-existing'),
      after: { ...restore, thisServerOnly: true },
      per: 'database',
      require: 'before',
      message: '{other} copies the current files only after the restore {step} has overwritten them.',
      missingMessage:
        'The restore {step} overwrites the current files of {key}: copy them aside first with `database.copy-existing`, so a failed restore can still be repaired.',
    },
    {
      kind: 'order',
      id: 'verify-mounted-after-restore',
      severity: 'error',
      summary: 'Every restored database is verified mounted.',
      before: restore,
      after: act('database.verify-mounted'),
      per: 'database',
      require: 'after',
      message: '{step} checks the databases before the restore {other} has brought them back.',
      missingMessage:
        'Nothing confirms that {key} came back online after the restore {step}: add a `database.verify-mounted` step.',
    },
  ],
};
