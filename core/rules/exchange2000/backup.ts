/**
 * The built-in rules of the article section "Backing Up Exchange 2000 Server Information" (with "Windows 2000 Backup Utility" and
 * "Backing Up Multiple Databases"): NTBackup version, online and offline backups, verification,
 * cluster node backups, disk room, and the files and storage groups a backup job covers.
 * Declarative rules are data (several entries may share an id: together they are that rule);
 * the rules that need logic are code. Facts come from shared/reference; the wording is ours.
 */
import type { Span } from '../../model/text/lineIndex';
import { defineRule } from '../define';
import { act, restore } from './matchers';
import type { RuleSection } from './section';

/**
 * The file name without folder and extension: a store may keep its .stm in another folder or on
 * another drive than its .edb, so the pair is matched by name only.
 */
const base = (f: string) =>
  f
    .replace(/^.*[\\/]/, '')
    .replace(/\.(edb|stm)$/i, '')
    .toLowerCase();

export const edbStmTogether = defineRule(
  'edb-stm-together',
  'error',
  "A database's .edb and .stm files go together.",
  ['backup.run', 'database.restore'],
  (ctx, report) => {
    for (const step of ctx.steps) {
      const files = step.with.files;
      if (!Array.isArray(files)) continue;
      const names = files.filter((f): f is string => typeof f === 'string');
      const edb = new Set(names.filter((f) => /\.edb$/i.test(f)).map(base));
      const stm = new Set(names.filter((f) => /\.stm$/i.test(f)).map(base));
      names.forEach((f, i) => {
        const isEdb = /\.edb$/i.test(f);
        if (!isEdb && !/\.stm$/i.test(f)) return;
        if ((isEdb ? stm : edb).has(base(f))) return;
        const partner = f.replace(/\.(edb|stm)$/i, isEdb ? '.stm' : '.edb');
        report({
          span: step.locate(['with', 'files', i]).valueSpan ?? step.paramSpan('files'),
          message: `${step.label} lists \`${f}\` without \`${partner}\`: the two files are one database and are only consistent together.`,
          data: { fix: 'add-list-item', step: step.index, param: 'files', value: partner },
        });
      });
    }
  },
);

export const oneJobPerStorageGroup = defineRule(
  'one-job-per-storage-group',
  'error',
  'One backup or restore job per storage group at a time.',
  ['backup.run', 'database.restore'],
  (ctx, report) => {
    // Per parallel label, the jobs so far by storage group; '*' is a job with no storage group,
    // which covers every group of the server and so collides with any other job.
    const seen = new Map<string, Map<string, { label: string; anchor: Span }>>();
    for (const step of ctx.withAction('backup.run', 'database.restore')) {
      const group = step.parallel;
      if (!group) continue;
      const sg = ctx.stepGroup(step);
      const key = sg ? sg.toLowerCase() : '*';
      const jobs = seen.get(group) ?? new Map<string, { label: string; anchor: Span }>();
      seen.set(group, jobs);
      const first = key === '*' ? jobs.values().next().value : (jobs.get(key) ?? jobs.get('*'));
      if (!first) {
        jobs.set(key, { label: step.label, anchor: step.anchor });
        continue;
      }
      report({
        span: step.locate(['parallel']).valueSpan ?? step.anchor,
        message: `${step.label} and ${first.label} both work on ${sg ? `storage group '${sg}'` : 'every storage group'} in parallel group '${group}'; NTBackup runs one job per storage group at a time. Give one of them another group.`,
        related: [{ span: first.anchor, message: `${first.label} is in the same parallel group` }],
      });
    }
  },
);

export const backupWholeStorageGroup = defineRule(
  'backup-whole-storage-group',
  'warning',
  'Back up whole storage groups, not single databases.',
  ['backup.run'],
  (ctx, report) => {
    for (const step of ctx.withAction('backup.run')) {
      const listed = ctx.stepDatabases(step);
      const sg = ctx.stepGroup(step);
      const group = sg ? ctx.storageGroup(sg) : undefined;
      if (!listed.length || !group || group.databases.length <= listed.length) continue;
      // An offline backup copies no logs, so the reason to back up the group whole does not apply.
      if (step.with.mode === 'offline') continue;
      report({
        span: step.paramSpan('databases'),
        message: `${step.label} backs up ${listed.length} of the ${group.databases.length} databases of '${group.name}'; the group shares one set of logs, which each partial backup copies again. Back up the storage group as a whole.`,
        data: { fix: 'remove-param', step: step.index, param: 'databases' },
      });
    }
  },
);

export const backupSection: RuleSection = {
  id: 'backup',
  article: 'Backing Up Exchange 2000 Server Information',
  coded: [edbStmTogether, oneJobPerStorageGroup, backupWholeStorageGroup],
  declarative: [
    {
      kind: 'field',
      id: 'ntbackup-version',
      severity: 'error',
      summary: 'NTBackup must be 5.0.2195.1117 or later.',
      step: act(['backup.run', 'database.restore']),
      param: 'ntbackupVersion',
      check: { minVersion: '5.0.2195.1117', knownBad: ['5.0.2172.1'] },
      message:
        '{step} uses NTBackup {actual}{note}, which cannot be trusted with Exchange 2000 data: use version {expected}.',
    },
    {
      kind: 'order',
      id: 'offline-backup-dismounted',
      severity: 'error',
      summary: 'Dismount before an offline backup, mount after it.',
      before: act('database.dismount'),
      after: act('backup.run', { mode: 'offline' }),
      per: 'database',
      require: 'before',
      message: 'The offline backup {step} runs before {other} dismounts the databases it copies.',
      missingMessage:
        'The offline backup {step} needs its databases ({key}) dismounted by an earlier `database.dismount` step.',
    },
    {
      kind: 'order',
      id: 'offline-backup-dismounted',
      severity: 'error',
      summary: 'Dismount before an offline backup, mount after it.',
      before: act('backup.run', { mode: 'offline' }),
      after: act('database.mount'),
      per: 'database',
      require: 'after',
      message: '{step} mounts the databases again before the offline backup {other} has run.',
      missingMessage:
        'After the offline backup {step}, add a `database.mount` step so the databases ({key}) serve mail again.',
    },
    {
      kind: 'field',
      id: 'prefer-online-full',
      severity: 'hint',
      summary: 'Prefer an online full backup.',
      step: act('backup.run'),
      param: 'mode',
      check: { notEquals: 'offline' },
      message:
        'The offline backup {step} keeps users without mail while it runs; an online full backup needs no downtime.',
    },
    {
      kind: 'requires',
      id: 'verify-backup',
      severity: 'warning',
      summary: 'A backup runbook checks the logs and proves the data.',
      when: { scenarios: ['backup'] },
      step: act('backup.verify-log'),
      message: 'A backup is not finished until its log is read: add a `backup.verify-log` step.',
    },
    {
      kind: 'requires',
      id: 'verify-backup',
      severity: 'warning',
      summary: 'A backup runbook checks the logs and proves the data.',
      when: { scenarios: ['backup'] },
      step: act('backup.verify-restore'),
      message: 'Only a trial restore proves the media can be read back: add a `backup.verify-restore` step.',
    },
    {
      kind: 'order',
      id: 'cluster-backup-quorum-owner',
      severity: 'error',
      summary: 'On a cluster node, own the quorum before backing up.',
      when: { clustered: true },
      before: act('cluster.take-quorum-ownership'),
      after: act('backup.run'),
      require: 'before',
      message: 'The backup {step} runs before {other} gives this node the quorum disk, so the quorum is left out.',
      missingMessage:
        'On a cluster, the backup {step} must follow a `cluster.take-quorum-ownership` step, or the quorum is not in the backup.',
    },
    {
      kind: 'order',
      id: 'restore-capacity',
      severity: 'hint',
      summary: 'Check disk room before restoring.',
      before: act('disk.check-capacity'),
      after: restore,
      require: 'before',
      message: 'Disk room is checked by {other} only after the restore {step} has started.',
      missingMessage:
        'Before the restore {step}, check with `disk.check-capacity` that the drive has room for the databases and their logs (keep it at most half full).',
    },
    {
      kind: 'order',
      id: 'verify-backup',
      severity: 'warning',
      summary: 'A backup runbook checks the logs and proves the data.',
      when: { scenarios: ['backup'] },
      before: act('backup.run'),
      after: act(['backup.verify-log', 'backup.verify-restore']),
      message: '{step} checks a backup that {other} only makes later: verify after the backup has run.',
    },
    {
      kind: 'order',
      id: 'cluster-backup-quorum-owner',
      severity: 'error',
      summary: 'On a cluster node, own the quorum before backing up.',
      when: { clustered: true },
      before: act('cluster.take-quorum-ownership'),
      after: act('backup.run'),
      per: 'node',
      require: 'after',
      message: '{step} backs up before {other} gives its node the quorum disk.',
      missingMessage:
        '{step} gives {key} the quorum disk, but no backup runs on that node afterwards: the quorum is only in a backup made by its owner.',
    },
    {
      kind: 'field',
      id: 'restore-capacity',
      severity: 'hint',
      summary: 'Check disk room before restoring.',
      step: act('disk.check-capacity'),
      param: 'freePercent',
      check: { atLeast: 50 },
      message:
        '{step} is content with {actual}% free; a drive kept at most half full ({expected}%) leaves room to copy the current database aside and restore beside it.',
    },
    {
      kind: 'field',
      id: 'verify-backup',
      severity: 'warning',
      summary: 'A backup runbook checks the logs and proves the data.',
      step: act('backup.verify-restore'),
      param: 'targetServer',
      check: { notEqualsInventory: 'name' },
      message:
        '{step} restores the backup onto {actual}, the server it protects: a trial restore proves the media on another computer.',
    },
  ],
};
