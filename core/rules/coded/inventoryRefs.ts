/** `unknown-storage-group` and `unknown-database`: names in `with:` exist in `server.storageGroups`. */
import { locateHeader } from '../../model/parse/parseRunbook';
import { didYouMean, suggest } from '../../model/text/suggest';
import { defineRule } from './define';

export const unknownStorageGroup = defineRule(
  'unknown-storage-group',
  'error',
  'Storage group names exist in the inventory.',
  (ctx, report) => {
    if (!locateHeader(ctx.parsed, ['server', 'storageGroups'])) return; // no inventory to compare with
    const names = ctx.server.storageGroups.map((g) => g.name);
    for (const step of ctx.steps) {
      const sg = step.with.storageGroup;
      if (typeof sg !== 'string' || ctx.storageGroup(sg)) continue;
      const options = suggest(sg, names);
      report({
        span: step.paramSpan('storageGroup'),
        message: `The inventory has no storage group '${sg}'.${didYouMean(options) || ` Known: ${names.join(', ') || 'none'}.`}`,
        data: { fix: 'replace-value', path: ['with', 'storageGroup'], step: step.index, options },
      });
    }
  },
);

export const unknownDatabase = defineRule(
  'unknown-database',
  'error',
  'Database names exist in the inventory.',
  (ctx, report) => {
    if (!locateHeader(ctx.parsed, ['server', 'storageGroups'])) return;
    // Name sets built once per check, not per step: this rule sees every step on every keystroke.
    const all = ctx.server.storageGroups.flatMap((g) => g.databases);
    const allLower = new Set(all.map((d) => d.toLowerCase()));
    const groupLower = new Map(
      ctx.server.storageGroups.map((g) => [g, new Set(g.databases.map((d) => d.toLowerCase()))]),
    );
    for (const step of ctx.steps) {
      const listed = step.with.databases;
      if (!Array.isArray(listed) || listed.length === 0) continue;
      const sgName = step.with.storageGroup;
      const group = typeof sgName === 'string' ? ctx.storageGroup(sgName) : undefined;
      if (typeof sgName === 'string' && !group) continue; // the storage group itself is reported
      const lower = group ? groupLower.get(group)! : allLower;
      ctx.stepDatabases(step).forEach((db, i) => {
        if (lower.has(db.toLowerCase())) return;
        const known = group ? group.databases : all;
        const options = suggest(db, known);
        const where = group ? `storage group '${group.name}'` : 'the inventory';
        report({
          span: step.locate(['with', 'databases', i]).valueSpan ?? step.paramSpan('databases'),
          message: `${where[0].toUpperCase()}${where.slice(1)} has no database '${db}'.${didYouMean(options)}`,
          data: { fix: 'replace-value', path: ['with', 'databases', i], step: step.index, options },
        });
      });
    }
  },
);
