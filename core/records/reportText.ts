/**
 * The text form of a report: one fact per line, in runbook order, built only from the record (never
 * from the runbook on disk or the time now), so the same record always gives the same text. That is
 * what lets it be a git `textconv` driver: `git diff` of a record then reads as a checklist diff.
 */
import { shortDuration, type RunReport, type StepReport } from './report';
import { RunClock } from './reportTime';

/** One line, whatever the text holds: newlines shown as `\n`, control characters (ANSI escapes) as `\u001b`. */
export function oneLine(text: string): string {
  return text
    .replace(/\r?\n/g, '\\n')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const BOX: Record<string, string> = { done: '[x]', skipped: '[-]', 'not done': '[ ]' };

function took(s: StepReport): string {
  const planned = s.plannedMs === undefined ? '' : `, planned ${shortDuration(s.plannedMs)}`;
  return s.durationMs === undefined ? ` (time not recorded${planned})` : ` (${shortDuration(s.durationMs)}${planned})`;
}

function stepLines(s: StepReport, clock: RunClock): string[] {
  const id = oneLine(s.id);
  const lines: string[] = [];
  if (s.status === 'done')
    lines.push(`[x] ${id}  done ${clock.short(s.at!)} by ${oneLine(s.by!)}${took(s)}${s.override ? '  OVERRIDE' : ''}`);
  else if (s.status === 'skipped')
    lines.push(`[-] ${id}  skipped ${clock.short(s.at!)} by ${oneLine(s.by!)}: ${oneLine(s.reason ?? '')}`);
  else if (s.inProgress) lines.push(`[ ] ${id}  in progress since ${clock.short(s.startedAt!)}`);
  else lines.push(`${BOX[s.status]} ${id}  not done`);
  if (s.removed) lines.push('    no longer in the runbook');
  if (s.override) lines.push(`    override: ${oneLine(s.override)}`);
  for (const [k, v] of Object.entries(s.evidence ?? {})) lines.push(`    evidence ${oneLine(k)}: ${oneLine(v)}`);
  for (const n of s.notes) lines.push(`    note ${clock.short(n.at)} by ${oneLine(n.by)}: ${oneLine(n.text)}`);
  for (const u of s.undos)
    lines.push(`    undone ${clock.short(u.at)} by ${oneLine(u.by)}${u.reason ? `: ${oneLine(u.reason)}` : ''}`);
  if (s.signedOff) lines.push(`    signed off ${clock.short(s.signedOff.at)} by ${oneLine(s.signedOff.by)}`);
  else if (s.signoffRequired && s.status === 'done') lines.push('    sign-off missing');
  return lines;
}

/** The record as a checklist, line by line. `timeZone` is the reader's zone (default UTC). */
export function reportText(r: RunReport, timeZone = 'UTC'): string {
  const clock = new RunClock(r.startedAt, timeZone);
  const lines = [
    `${r.rehearsal ? 'rehearsal' : 'real run'} of ${oneLine(r.runbook)}${r.title ? `: ${oneLine(r.title)}` : ''}`,
    `runbook sha256 ${r.sha256}`,
    `started ${clock.full(r.startedAt)} by ${oneLine(r.startedBy)}`,
  ];
  if (r.startedWithErrors)
    lines.push(`started with ${r.startedWithErrors.errors} error(s): ${oneLine(r.startedWithErrors.reason)}`);
  if (r.objective) lines.push(`objective ${shortDuration(r.objective.ms)}`);
  for (const s of r.steps) lines.push(...stepLines(s, clock));
  for (const n of r.runNotes) lines.push(`run note ${clock.short(n.at)} by ${oneLine(n.by)}: ${oneLine(n.text)}`);
  for (const o of r.reopens)
    lines.push(`reopened ${clock.short(o.at)} by ${oneLine(o.by)}${o.reason ? `: ${oneLine(o.reason)}` : ''}`);
  if (r.finished) {
    const objective = r.objective ? `, objective ${r.objective.outcome}` : '';
    lines.push(
      `finished ${clock.full(r.finishedAt!)} by ${oneLine(r.finishedBy!)}, elapsed ${shortDuration(r.elapsedMs)}${objective}`,
    );
    if (r.closingNote) lines.push(`closing note: ${oneLine(r.closingNote)}`);
  } else lines.push(`not finished; last event ${clock.full(r.lastAt)}`);
  lines.push(
    `${r.progress.done} done, ${r.progress.skipped} skipped, ${r.progress.notDone} not done, of ${r.progress.total}`,
  );
  return `${lines.join('\n')}\n`;
}
