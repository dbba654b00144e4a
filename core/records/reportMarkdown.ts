/** The report as Markdown: a header, the step table, overrides, skips, idle gaps, notes and the timeline. */
import { formatDuration, shortDuration, statusLabel, type RunReport } from './report';
import { RunClock } from './reportTime';

/** Escapes text for a Markdown table cell or list item. */
export function mdCell(text: string | undefined): string {
  // Most cells (ids, names, times) need nothing: skip the four passes (a 2,000-step report has 40,000 cells).
  if (!text || !/[\\|\r\n<>*_`[\]#!&]/.test(text)) return text ?? '';
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([<>*_`[\]#!&])/g, '\\$1');
}

/** `met`, `missed (by 12m)`... in words a reviewer reads. */
export function objectiveWords(r: RunReport): string {
  if (!r.objective) return 'none set';
  const target = shortDuration(r.objective.ms);
  switch (r.objective.outcome) {
    case 'met':
      return `${target}: met`;
    case 'missed':
      return `${target}: missed by ${shortDuration(r.elapsedMs - r.objective.ms)}`;
    case 'exceeded':
      return `${target}: already exceeded (run not finished)`;
    case 'open':
      return `${target}: run not finished`;
  }
}

export function reportMarkdown(r: RunReport, timeZone = 'UTC'): string {
  const clock = new RunClock(r.startedAt, timeZone);
  const lines: string[] = [];
  lines.push(`# ${r.rehearsal ? 'Rehearsal' : 'Run'} report: ${mdCell(r.title ?? r.runbook)}`, '');
  lines.push(`- Runbook: ${mdCell(r.runbook)} (sha256 ${r.sha256.slice(0, 12)})`);
  if (r.runbookChanged !== undefined)
    lines.push(`- Runbook changed since the run started: ${r.runbookChanged ? mdCell(r.changes ?? 'yes') : 'no'}`);
  if (r.startedWithErrors)
    lines.push(
      `- Started with ${r.startedWithErrors.errors} error(s) in the runbook: ${mdCell(r.startedWithErrors.reason)}`,
    );
  lines.push(`- Started: ${clock.full(r.startedAt)} by ${mdCell(r.startedBy)}`);
  lines.push(
    `- ${r.finished ? `Finished: ${clock.full(r.finishedAt!)} by ${mdCell(r.finishedBy)}` : `Not finished (last event ${clock.full(r.lastAt)})`}`,
  );
  lines.push(`- Total elapsed: ${formatDuration(r.elapsedMs)}${r.finished ? '' : ' so far'}`);
  lines.push(`- Recovery time objective: ${objectiveWords(r)}`);
  lines.push(
    `- Progress: ${r.progress.done} done, ${r.progress.skipped} skipped, ${r.progress.notDone} not done, of ${r.progress.total}`,
  );
  lines.push(`- Operators: ${r.operators.map(mdCell).join(', ')}`);
  if (r.closingNote) lines.push(`- Closing note: ${mdCell(r.closingNote)}`);
  lines.push(
    '',
    '## Steps',
    '',
    '| # | Step | State | Who | Began | Ended | Took | Planned | Evidence | Notes |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  r.steps.forEach((s, i) => {
    const evidence = Object.entries(s.evidence ?? {})
      .map(([k, v]) => `${mdCell(k)}: ${mdCell(v)}`)
      .join('; ');
    const notes = [
      ...s.notes.map((n) => `${mdCell(n.by)}: ${mdCell(n.text)}`),
      ...s.undos.map((u) => `undone by ${mdCell(u.by)}${u.reason ? `: ${mdCell(u.reason)}` : ''}`),
      ...(s.signedOff ? [`signed off by ${mdCell(s.signedOff.by)}`] : []),
      ...(s.signoffRequired && s.status === 'done' && !s.signedOff ? ['sign-off missing'] : []),
    ].join('; ');
    const ended = s.status !== 'not done';
    const took =
      s.durationMs !== undefined ? shortDuration(s.durationMs) : s.status === 'not done' ? '' : 'not recorded';
    lines.push(
      `| ${i + 1} | ${mdCell(s.id)}: ${mdCell(s.title)}${s.removed ? ' (removed from the runbook)' : ''} | ${statusLabel(s)} | ${ended ? mdCell(s.by) : ''} | ${s.startedAt ? clock.short(s.startedAt) : ''} | ${ended ? clock.short(s.at!) : ''} | ${took} | ${s.plannedMs === undefined ? '' : shortDuration(s.plannedMs)} | ${evidence} | ${notes} |`,
    );
  });
  const list = (title: string, items: string[]) =>
    lines.push('', `## ${title}`, '', ...(items.length ? items : ['None.']));
  list(
    'Overrides',
    r.overrides.map((o) => `- ${mdCell(o.step)} at ${clock.short(o.at)} by ${mdCell(o.by)}: ${mdCell(o.reason)}`),
  );
  list(
    'Skipped steps',
    r.skipped.map((o) => `- ${mdCell(o.step)} at ${clock.short(o.at)} by ${mdCell(o.by)}: ${mdCell(o.reason)}`),
  );
  list(
    'Idle gaps',
    r.idle.map((g) => `- ${clock.short(g.from)} to ${clock.short(g.to)}: ${shortDuration(g.ms)}`),
  );
  list('Run notes', [
    ...r.runNotes.map((n) => `- ${clock.short(n.at)} ${mdCell(n.by)}: ${mdCell(n.text)}`),
    ...r.reopens.map(
      (o) => `- ${clock.short(o.at)} ${mdCell(o.by)} reopened the run${o.reason ? `: ${mdCell(o.reason)}` : ''}`,
    ),
  ]);
  lines.push('', `## Timeline (${timeZone})`, '', '| When | Who | What | Step | Detail |', '|---|---|---|---|---|');
  for (const t of r.timeline)
    lines.push(`| ${clock.short(t.at)} | ${mdCell(t.by)} | ${t.event} | ${mdCell(t.step)} | ${mdCell(t.detail)} |`);
  return lines.join('\n');
}
