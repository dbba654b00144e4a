// The finished rehearsal the report test opens: the same record as test/e2e/suite/report.e2e.ts
// writes (9 steps, 1 skipped without a begin, so the page draws 8 bars; the shared driver
// test/e2e/drivers/report-view.mjs counts them). Kept here: the Node suite's file registers
// mocha blocks, which this runner does not have.
const STEPS = [
  'check-store-running',
  'check-disk-room',
  'dismount-sales-store',
  'copy-damaged-files',
  'restore-sunday-full',
  'restore-monday-incremental',
  'restore-tuesday-incremental',
  'verify-sales-mounted',
  'tell-sales-users',
];

export function finishedRehearsal(): string {
  const t0 = Date.parse('2026-11-01T22:00:00.000Z');
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  const lines: object[] = [
    {
      at: at(0),
      by: 'Alice',
      event: 'start',
      format: 1,
      runbook: 'database-restore.runbook.yaml',
      sha256: '0'.repeat(64),
      rehearsal: true,
      rto: 4 * 3600,
      steps: STEPS.map((id) => [id, '0000000000000000']),
    },
  ];
  STEPS.forEach((id, i) => {
    if (id === 'copy-damaged-files') {
      lines.push({ at: at(600 * i + 10), by: 'Bob', event: 'skip', step: id, reason: 'new disk, nothing to keep' });
      return;
    }
    lines.push({ at: at(600 * i + 10), by: 'Alice', event: 'begin', step: id });
    lines.push({
      at: at(600 * i + 400),
      by: 'Alice',
      event: 'done',
      step: id,
      ...(id === 'restore-tuesday-incremental' ? { override: 'Monday tape checked by hand' } : {}),
    });
  });
  lines.push({ at: at(600 * STEPS.length), by: 'Alice', event: 'finish', note: 'store mounted' });
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}
