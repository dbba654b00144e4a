/**
 * `runbook run start-step`, `run signoff` and the time lines of `run status`: durations against
 * the recovery time objective and the second operator's sign-off, on the same decisions as the
 * checklist (core/records/commands.ts, core/records/projection.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLanguageService } from '../../../core/service';
import { startProblem, type RunRequest } from '../../../core/records/commands';
import type { RunState } from '../../../core/records/fold';
import { formatSeconds } from '../../../core/model/duration';
import { countProgress, progressOf } from '../../../core/records/progress';
import { projectRun, type Projection } from '../../../core/records/projection';
import { applyRequest } from '../../../node/applyRequest';
import type { LoadedRecord } from '../../../node/recordFiles';
import { one, UsageError, type ParsedArgs as RunArgs } from '../args';
import { cliOperator } from './operator';
import type { CliResult } from '../command';
import { findRunbook, planOf } from './runCommand';

type Env = NodeJS.ProcessEnv;

/** `run start-step <record> <step>` and `run signoff <record> <step> [--note TEXT]`. */
export function stepTiming(kind: 'start-step' | 'signoff', args: RunArgs, cwd: string, env: Env): CliResult {
  const [recordArg, step, extra] = args.positional;
  if (!recordArg || !step) throw new UsageError(`run ${kind} needs a record and a step id`);
  if (extra) throw new UsageError(`run ${kind}: unexpected argument '${extra}'`);
  if (kind === 'start-step' && one(args, 'note') !== undefined)
    throw new UsageError('run start-step takes no --note (use run note)');
  const file = resolve(cwd, recordArg);
  const request: RunRequest =
    kind === 'signoff' ? { kind: 'signoff', step, note: one(args, 'note') } : { kind: 'begin', step };
  const by = cliOperator(one(args, 'operator'), env, cwd);
  let warning = '';
  const result = applyRequest(
    file,
    (record: LoadedRecord) => {
      const runbook = record.start ? findRunbook(file, record.start, cwd) : undefined;
      if (!runbook) warning = `warning: runbook ${record.start?.runbook} not found; the record alone is used`;
      return { plan: runbook ? planOf(runbook) : undefined, state: record.state, now: new Date().toISOString(), by };
    },
    request,
  );
  if ('event' in result) {
    const e = result.event;
    const what = kind === 'signoff' ? `signed off ${step}` : `started ${step}`;
    return { out: `${what} at ${e.at} by ${e.by}`, err: warning, code: 0 };
  }
  return { out: '', err: [warning, `runbook: refused: ${result.message}`].filter(Boolean).join('\n'), code: 1 };
}

/** Lines for `run status`: time against the objective, the projected finish, sign-offs and overruns. */
export function timeLines(state: RunState, ids: readonly string[], now: string): string[] {
  const p = projectRun(state, now);
  const lines: string[] = [];
  const planned = p.rto !== undefined || !!state.start?.expect?.length;
  const objective = p.rto === undefined ? 'no objective (rto:) declared' : `objective ${formatSeconds(p.rto)}`;
  if (planned) lines.push(`Time: ${formatSeconds(p.elapsed)} elapsed; ${objective}`);
  if (planned && p.projectedFinish) {
    const left = p.unestimated
      ? ` (${p.unestimated} step${p.unestimated === 1 ? '' : 's'} left without expect: not counted)`
      : '';
    const verdict =
      p.overRto === undefined
        ? ''
        : p.overRto > 0
          ? `; ${formatSeconds(p.overRto)} past the objective`
          : `; ${formatSeconds(-p.overRto)} inside the objective`;
    lines.push(`Projected finish: ${p.projectedFinish} (${formatSeconds(p.remaining)} of work left${verdict})${left}`);
  }
  for (const id of p.overrunning) {
    const t = p.steps.find((s) => s.id === id)!;
    lines.push(`Running past its expectation: ${id} (${formatSeconds(t.actual!)} against ${formatSeconds(t.expect!)})`);
  }
  const counts = countProgress(state, ids);
  if (counts.awaiting) {
    const waiting = ids.filter((id) => {
      const s = state.steps.get(id);
      return s?.status === 'done' && state.start?.signoff?.includes(id) && !s.signedOff;
    });
    lines.push(`Waiting for a second operator's sign-off: ${waiting.join(', ')}`);
  }
  return lines;
}

/** Time fields of one step for `run status --format json`. */
export function stepTimeJson(state: RunState, projection: Projection, id: string): Record<string, unknown> {
  const s = state.steps.get(id);
  const t = projection.steps.find((x) => x.id === id);
  return {
    ...(s?.startedAt ? { startedAt: s.startedAt } : {}),
    ...(t?.expect !== undefined ? { expectSeconds: t.expect } : {}),
    ...(t?.actual !== undefined ? { actualSeconds: t.actual } : {}),
    ...(t?.over ? { pastExpectation: true } : {}),
    ...(state.start?.signoff?.includes(id) ? { signoffNeeded: true, signedOff: s?.signedOff ?? null } : {}),
  };
}

/**
 * Whether `run start` may go ahead: errors counted by the same checks as `runbook lint`; a real run
 * on a runbook with errors needs `--reason`, which the start event keeps.
 */
export function startGuard(
  runbook: string,
  rehearsal: boolean,
  reason: string | undefined,
): { refusal?: string; errors?: number; reason?: string } {
  const text = readFileSync(runbook, 'utf8');
  const findings = createLanguageService().analyze(`file://${runbook}`, text).findings;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const problem = startProblem({ errors, rehearsal, reason });
  if (problem) return { refusal: `${problem}${reason?.trim() ? '' : ' (--reason TEXT, or --rehearsal)'}` };
  return rehearsal || !errors ? {} : { errors, reason };
}

/** What `run status` adds to a step's line: running since, sign-off awaited or given. */
export function stepTimeText(state: RunState, id: string): string {
  const s = state.steps.get(id);
  if (!s) return '';
  if (s.status === 'pending') return s.startedAt ? `  (started ${s.startedAt})` : '';
  if (s.status !== 'done' || !state.start?.signoff?.includes(id)) return '';
  return s.signedOff
    ? `  (signed off by ${s.signedOff.by} at ${s.signedOff.at})`
    : "  (waiting for a second operator's sign-off)";
}

/** The counts every surface shows (core/records/progress.ts): a step awaiting sign-off is not done yet. */
export function progressLine(state: RunState, ids: readonly string[]): string {
  const c = countProgress(state, ids);
  const awaiting = c.awaiting ? `, ${c.awaiting} awaiting sign-off` : '';
  return `Progress: ${c.done}/${c.total} done, ${c.skipped} skipped${awaiting}, ${c.remaining} remaining`;
}

/** The JSON counts; `pending` (the older name of `remaining`) stays for scripts that read it. */
export function progressJson(state: RunState, ids: readonly string[]) {
  const c = countProgress(state, ids);
  return { ...c, pending: c.remaining };
}

/** `[x]` done, `[~]` ticked and awaiting sign-off, `[-]` skipped, `[ ]` not done. */
export function stepBox(state: RunState, id: string): string {
  const p = progressOf(state, id);
  return p === 'done' ? '[x]' : p === 'awaiting' ? '[~]' : p === 'skipped' ? '[-]' : '[ ]';
}
