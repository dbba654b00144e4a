/**
 * `runbook run start|start-step|tick|signoff|skip|undo|note|finish|reopen|status` and `runbook report`: the checklist
 * on the command line, on the same record files and the same decisions as the extension.
 * Exit codes: 0 done, 1 refused (ordering gate, evidence, finished run, unreadable record), 2 usage
 * or I/O error (including no operator).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { createLanguageService } from '../../../core/service';
import { startEvent, type RunRequest } from '../../../core/records/commands';
import { applyRequest } from '../../../node/applyRequest';
import { projectRun } from '../../../core/records/projection';
import {
  progressJson,
  progressLine,
  startGuard,
  stepBox,
  stepTimeJson,
  stepTimeText,
  stepTiming,
  timeLines,
} from './timing';
import { planFromParsed, type RunbookPlan } from '../../../core/records/plan';
import { cachedPlan } from '../../../node/planCache';
import { buildReport, formatDuration } from '../../../core/records/report';
import type { StartEvent } from '../../../core/records/events';
import { guardRecord } from '../recordGuard';
import { one, parseCommandArgs, UsageError, type OptionSpec, type ParsedArgs as RunArgs } from '../args';
import type { CliContext, CliResult, Command } from '../command';
import { cliOperator } from './operator';
import {
  createRecord,
  gitTopLevel,
  loadRecord,
  newRecordPath,
  RecordUnreadableError,
  relativePath,
  unionHint,
  unionMergeStatus,
  type LoadedRecord,
} from '../../../node/records';

export const RUN_USAGE = `Usage:
  runbook run start <runbook> [--operator NAME] [--rehearsal] [--reason TEXT] [--runs-folder DIR]
  runbook run start-step <record> <step-id> [--operator NAME]
  runbook run tick <record> <step-id> [--note TEXT] [--evidence KEY=VALUE]... [--override REASON] [--operator NAME]
  runbook run skip <record> <step-id> --reason TEXT [--note TEXT] [--operator NAME]
  runbook run signoff <record> <step-id> [--note TEXT] [--operator NAME]
  runbook run undo <record> <step-id> [--reason TEXT] [--operator NAME]
  runbook run note <record> [<step-id>] --note TEXT [--operator NAME]
  runbook run finish <record> [--note TEXT] [--operator NAME]
  runbook run reopen <record> [--reason TEXT] [--operator NAME]
  runbook run status <record> [--format text|json]
  runbook report <record> [--format md|json|html|text]   (runbook report --help for more)

A run record is <runbook folder>/runs/<name>.<start time>.runbook-run. Ticking a step whose
predecessors are not done is refused unless --override gives a reason. A real run of a
runbook with errors starts only with --reason (kept in the record); a rehearsal starts freely.
A step with 'signoff: 2' counts as done once a second operator signs it off. The operator is
--operator, else $RUNBOOK_OPERATOR, else git config user.name.
Exit code 0: done, 1: refused or the record cannot be read, 2: usage or I/O error.`;

type Env = NodeJS.ProcessEnv;

/** The runbook's plan: parsed, or kept from an earlier run on the same text (node/planCache.ts). */
export function planOf(file: string): RunbookPlan {
  const text = readFileSync(file, 'utf8');
  return cachedPlan(text, () => planFromParsed(createLanguageService().parsed(`file://${resolve(file)}`, text)));
}

/** The runbook a record names: relative to the git top folder, beside `runs/`, or to cwd. */
export function findRunbook(recordFile: string, start: StartEvent, cwd: string): string | undefined {
  const dir = dirname(resolve(recordFile));
  const top = gitTopLevel(dir);
  const base = start.runbook.split('/').pop() ?? start.runbook;
  const candidates = [top && resolve(top, start.runbook), resolve(dir, '..', base), resolve(cwd, start.runbook)];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

function display(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function readable(file: string): LoadedRecord {
  if (!existsSync(file)) throw new UsageError(`No such record: ${file}`);
  const record = loadRecord(file);
  if (record.problems.length) throw new RecordUnreadableError(file, record.problems);
  return record;
}

function start(args: RunArgs, cwd: string, env: Env): CliResult {
  const [runbookArg] = args.positional;
  if (!runbookArg || args.positional.length > 1) throw new UsageError('run start needs exactly one runbook');
  const runbook = resolve(cwd, runbookArg);
  if (!existsSync(runbook)) throw new UsageError(`No such runbook: ${runbookArg}`);
  const by = cliOperator(one(args, 'operator'), env, cwd);
  const plan = planOf(runbook);
  if (!plan.byId.size)
    return { out: '', err: `runbook: ${runbookArg} has no step with an id: nothing to run`, code: 1 };
  const rehearsal = args.flags.has('rehearsal');
  const guard = startGuard(runbook, rehearsal, one(args, 'reason'));
  if (guard.refusal) return { out: '', err: `runbook: refused: ${guard.refusal}`, code: 1 };
  const root = gitTopLevel(dirname(runbook)) ?? cwd;
  const now = new Date().toISOString();
  const file = newRecordPath(runbook, now, one(args, 'runs-folder'));
  createRecord(
    file,
    startEvent(plan, relativePath(root, runbook), { now, by, rehearsal, errors: guard.errors, reason: guard.reason }),
  );
  const notes: string[] = [];
  if (plan.duplicateIds.length)
    notes.push(`warning: step ids used twice: ${plan.duplicateIds.join(', ')} (only the first of each can be ticked)`);
  const union = unionMergeStatus(file);
  if (union.kind === 'missing') notes.push(unionHint(union.root));
  return { out: display(cwd, file), err: notes.join('\n'), code: 0 };
}

function change(
  kind: 'tick' | 'skip' | 'undo' | 'note' | 'finish' | 'reopen',
  args: RunArgs,
  cwd: string,
  env: Env,
): CliResult {
  const [recordArg, step, ...extra] = args.positional;
  if (!recordArg) throw new UsageError(`run ${kind} needs a record`);
  const stepNeeded = kind === 'tick' || kind === 'skip' || kind === 'undo';
  if (stepNeeded && !step) throw new UsageError(`run ${kind} needs a record and a step id`);
  if (extra.length || (!stepNeeded && kind !== 'note' && step))
    throw new UsageError(`run ${kind}: unexpected argument '${extra[0] ?? step}'`);
  const file = resolve(cwd, recordArg);
  const note = one(args, 'note');
  const reason = one(args, 'reason');
  let request: RunRequest;
  switch (kind) {
    case 'tick': {
      const evidence: Record<string, string> = {};
      for (const pair of args.values.get('evidence') ?? []) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`--evidence takes KEY=VALUE, not '${pair}'`);
        evidence[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      request = { kind, step, note, evidence, override: one(args, 'override') };
      break;
    }
    case 'skip':
      if (!reason?.trim()) throw new UsageError('run skip needs --reason TEXT');
      request = { kind, step, reason, note };
      break;
    case 'undo':
      request = { kind, step, reason };
      break;
    case 'note':
      if (!note?.trim()) throw new UsageError('run note needs --note TEXT');
      request = { kind, step, note };
      break;
    case 'finish':
      request = { kind, note };
      break;
    case 'reopen':
      request = { kind, reason };
      break;
  }
  const current = readable(file);
  const by = cliOperator(one(args, 'operator'), env, cwd);
  // The plan comes from the runbook the start event names, which no later event changes: read
  // and parse it before taking the lock, so the lock is held only to read, decide and write.
  const runbook = current.start ? findRunbook(file, current.start, cwd) : undefined;
  const plan = runbook ? planOf(runbook) : undefined;
  const warning = plan
    ? ''
    : `warning: runbook ${current.start?.runbook} not found; the order kept in the record is used`;
  const result = applyRequest(
    file,
    (record) => ({ plan, state: record.state, now: new Date().toISOString(), by }),
    request,
  );
  if ('event' in result) {
    const e = result.event;
    const what =
      e.event === 'done'
        ? `ticked ${step}${e.override ? ' (override recorded)' : ''}`
        : e.event === 'skip'
          ? `skipped ${step}`
          : e.event === 'undo'
            ? `undid ${step}`
            : e.event === 'note'
              ? `noted${step ? ` on ${step}` : ''}`
              : e.event === 'finish'
                ? 'finished the run'
                : 'reopened the run';
    return { out: `${what} at ${e.at} by ${e.by}`, err: warning, code: 0 };
  }
  const hint = result.code === 'gate' ? '\nTo tick it anyway, give a reason: --override "REASON".' : '';
  return { out: '', err: [warning, `runbook: refused: ${result.message}${hint}`].filter(Boolean).join('\n'), code: 1 };
}

/** The record named by a status or report command, its runbook's plan (when found) and the chosen format. */
function reportInput(args: RunArgs, cwd: string, command: string, formats: [string, string]) {
  const [recordArg, extra] = args.positional;
  if (!recordArg || extra) throw new UsageError(`${command} needs exactly one record`);
  const format = one(args, 'format') ?? formats[0];
  if (!formats.includes(format)) throw new UsageError(`--format must be ${formats.join(' or ')}`);
  const file = resolve(cwd, recordArg);
  const record = readable(file);
  const runbook = findRunbook(file, record.start!, cwd);
  const plan = runbook ? planOf(runbook) : undefined;
  return { file, format, plan, record, report: buildReport(record.state, { plan }) };
}

function status(args: RunArgs, cwd: string): CliResult {
  const { file, format, plan, report, record } = reportInput(args, cwd, 'run status', ['text', 'json']);
  if (format === 'json') {
    const projection = projectRun(record.state, new Date().toISOString());
    return {
      out: JSON.stringify(
        {
          record: display(cwd, file),
          runbook: report.runbook,
          title: report.title,
          rehearsal: report.rehearsal,
          startedAt: report.startedAt,
          startedBy: report.startedBy,
          finished: report.finished,
          finishedAt: report.finishedAt ?? null,
          progress: progressJson(
            record.state,
            report.steps.map((s) => s.id),
          ),
          changes: report.changes ?? null,
          runbookFound: !!plan,
          time: {
            elapsedSeconds: projection.elapsed,
            rtoSeconds: projection.rto ?? null,
            remainingSeconds: projection.remaining,
            unestimatedSteps: projection.unestimated,
            projectedFinish: projection.projectedFinish ?? null,
            overRtoSeconds: projection.overRto ?? null,
            overrunning: projection.overrunning,
          },
          steps: report.steps.map((s) => ({
            id: s.id,
            title: s.title,
            // `run status` kept its word for a step not done yet; the report says "not done".
            state: s.status === 'not done' ? 'pending' : s.status,
            time: s.at ?? null,
            operator: s.by ?? null,
            ...(s.override ? { override: s.override } : {}),
            ...(s.reason ? { reason: s.reason } : {}),
            ...(s.evidence ? { evidence: s.evidence } : {}),
            ...(s.notes.length ? { notes: s.notes } : {}),
            ...stepTimeJson(record.state, projection, s.id),
          })),
        },
        null,
        2,
      ),
      err: '',
      code: 0,
    };
  }
  const lines = [
    `${report.rehearsal ? 'Rehearsal' : 'Run'} of ${report.runbook}${report.title ? ` (${report.title})` : ''}`,
    `Started ${report.startedAt} by ${report.startedBy}; ${report.finished ? `finished ${report.finishedAt}` : 'not finished'}; elapsed ${formatDuration(report.elapsedMs)}`,
    progressLine(
      record.state,
      report.steps.map((s) => s.id),
    ),
  ];
  if (!plan) lines.push(`Warning: runbook ${report.runbook} not found; showing the steps kept in the record.`);
  if (report.changes) lines.push(`Warning: ${report.changes}`);
  lines.push(
    ...timeLines(
      record.state,
      report.steps.map((s) => s.id),
      new Date().toISOString(),
    ),
  );
  const width = Math.max(...report.steps.map((s) => s.id.length), 4);
  for (const s of report.steps) {
    const box = stepBox(record.state, s.id);
    const when = s.at && s.status !== 'not done' ? `  ${s.status.padEnd(7)}  ${s.at}  ${s.by}` : '';
    const why = s.override
      ? `  (override: ${s.override})`
      : s.reason && s.status === 'skipped'
        ? `  (reason: ${s.reason})`
        : '';
    lines.push(`${box} ${s.id.padEnd(width)}${when}${why}${stepTimeText(record.state, s.id)}`.trimEnd());
  }
  return { out: lines.join('\n'), err: '', code: 0 };
}

const RUN_OPTIONS: OptionSpec = {
  operator: { type: 'string' },
  note: { type: 'string' },
  reason: { type: 'string' },
  override: { type: 'string' },
  format: { type: 'string', short: 'f' },
  evidence: { type: 'string' },
  'runs-folder': { type: 'string' },
  rehearsal: { type: 'boolean' },
};

/** The `run` subcommands, one line each: add a new one here. */
const RUN_SUBCOMMANDS: Record<string, (args: RunArgs, cwd: string, env: Env) => CliResult> = {
  start,
  tick: (a, c, e) => change('tick', a, c, e),
  skip: (a, c, e) => change('skip', a, c, e),
  undo: (a, c, e) => change('undo', a, c, e),
  note: (a, c, e) => change('note', a, c, e),
  finish: (a, c, e) => change('finish', a, c, e),
  reopen: (a, c, e) => change('reopen', a, c, e),
  status: (a, c) => status(a, c),
  'start-step': (a, c, e) => stepTiming('start-step', a, c, e),
  signoff: (a, c, e) => stepTiming('signoff', a, c, e),
};

/** `runbook run <subcommand> ...` */
export function runCommand(argv: string[], cwd: string, env: Env = process.env): CliResult {
  const [sub, ...rest] = argv;
  if (!sub) return { out: '', err: RUN_USAGE, code: 2 };
  if (sub === '--help' || sub === '-h' || sub === 'help') return { out: RUN_USAGE, err: '', code: 0 };
  const args = parseCommandArgs(rest, RUN_OPTIONS);
  if (args.flags.has('help')) return { out: RUN_USAGE, err: '', code: 0 };
  if (args.flags.has('rehearsal') && sub !== 'start') throw new UsageError('--rehearsal is for run start');
  const handler = Object.hasOwn(RUN_SUBCOMMANDS, sub) ? RUN_SUBCOMMANDS[sub] : undefined;
  if (!handler) throw new UsageError(`Unknown run command '${sub}'.\n${RUN_USAGE}`);
  return guardRecord(() => handler(args, cwd, env));
}

export const runEntry: Command = {
  summary: 'run a runbook as a checklist: start, start-step, tick, signoff, skip, undo, note, finish, reopen, status',
  usage: RUN_USAGE,
  run: (argv: string[], ctx: CliContext) => runCommand(argv, ctx.cwd, ctx.env),
};
