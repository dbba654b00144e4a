/** `requirements-confirmed`: a full server recovery confirms what it needs before it starts. */
import { defineRule } from './define';

const FULL_RECOVERY = ['member-server', 'srs-server', 'kms-server'];
export const REQUIRED_ITEMS = [
  'replacement-hardware',
  'install-media',
  'system-drive-backup',
  'exchange-database-backup',
  'system-state-backup',
];

export const requirementsConfirmed = defineRule(
  'requirements-confirmed',
  'warning',
  'Confirm the prerequisites before starting a server recovery.',
  (ctx, report) => {
    if (!ctx.inScenario(FULL_RECOVERY)) return;
    const confirms = ctx.withAction('prereq.confirm');
    const firstWork = ctx.steps.find((s) => s.action !== 'prereq.confirm');
    const have = new Set(confirms.map((s) => s.with.item));
    const missing = REQUIRED_ITEMS.filter((i) => !have.has(i));
    if (missing.length) {
      report({
        span: ctx.parsed.stepsKey ?? { start: 0, end: 1 },
        message: `Before the recovery starts, confirm with \`prereq.confirm\` steps that these are at hand: ${missing.join(', ')}.`,
        data: { fix: 'insert-prereqs', items: missing, target: firstWork?.index ?? 0 },
      });
    }
    for (const s of confirms) {
      if (!firstWork || s.index < firstWork.index || !REQUIRED_ITEMS.includes(String(s.with.item))) continue;
      report({
        span: s.anchor,
        message: `${s.label} confirms '${String(s.with.item)}' only after ${firstWork.label} has started the work; confirm prerequisites first.`,
        related: [{ span: firstWork.anchor, message: 'The work starts here' }],
        data: { fix: 'move-before', move: s.index, target: firstWork.index },
      });
    }
  },
);
