/** Backup rules that need logic: files in pairs, one job per storage group, whole storage groups. */
import type { Span } from '../../model/text/lineIndex';
import { defineRule } from './define';

const base = (f: string) => f.replace(/\.(edb|stm)$/i, '').toLowerCase();

export const edbStmTogether = defineRule(
  'edb-stm-together',
  'error',
  "A database's .edb and .stm files go together.",
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
  (ctx, report) => {
    const seen = new Map<string, { label: string; anchor: Span }>();
    for (const step of ctx.withAction('backup.run', 'database.restore')) {
      const group = step.parallel;
      const sg = ctx.stepGroup(step);
      if (!group || !sg) continue;
      const key = `${group}\u0000${sg.toLowerCase()}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { label: step.label, anchor: step.anchor });
        continue;
      }
      report({
        span: step.locate(['parallel']).valueSpan ?? step.anchor,
        message: `${step.label} and ${first.label} both work on storage group '${sg}' in parallel group '${group}'; NTBackup runs one job per storage group at a time. Give one of them another group.`,
        related: [{ span: first.anchor, message: `${first.label} is in the same parallel group` }],
      });
    }
  },
);

export const backupWholeStorageGroup = defineRule(
  'backup-whole-storage-group',
  'warning',
  'Back up whole storage groups, not single databases.',
  (ctx, report) => {
    for (const step of ctx.withAction('backup.run')) {
      const listed = ctx.stepDatabases(step);
      const sg = ctx.stepGroup(step);
      const group = sg ? ctx.storageGroup(sg) : undefined;
      if (!listed.length || !group || group.databases.length <= listed.length) continue;
      report({
        span: step.paramSpan('databases'),
        message: `${step.label} backs up ${listed.length} of the ${group.databases.length} databases of '${group.name}'; the group shares one set of logs, which each partial backup copies again. Back up the storage group as a whole.`,
        data: { fix: 'remove-param', step: step.index, param: 'databases' },
      });
    }
  },
);
