/**
 * `runbook report`: one run (`<record>`), two runs compared (`<record A> <record B>`) or every run
 * of a runbook (`--runs <runbook>`), as Markdown, JSON, HTML or text. Text is the git textconv form:
 * stable, built from the record alone, and it never fails on a damaged record (git diff would).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { buildReport } from '../../../core/records/report';
import { reportMarkdown } from '../../../core/records/reportMarkdown';
import { reportText, oneLine } from '../../../core/records/reportText';
import { reportDocument } from '../../../core/records/reportHtml';
import {
  compareRuns,
  comparisonDocument,
  comparisonMarkdown,
  comparisonText,
} from '../../../core/records/reportCompare';
import { runsMarkdown, runsText, summarizeRun } from '../../../core/records/reportRuns';
import { checkTimeZone } from '../../../core/records/reportTime';
import { parseRecord } from '../../../core/records/parse';
import { foldRun } from '../../../core/records/fold';
import { gitTopLevel, listRecords } from '../../../node/recordFiles';
import { guardRecord } from '../recordGuard';
import { one, parseCommandArgs, UsageError } from '../args';
import { diffDriverStatus, diffHint } from '../../../node/gitDiffDriver';
import { planFor, readRecord } from './load';

export interface CliResult {
  out: string;
  err: string;
  code: number;
}

export const REPORT_USAGE = `Usage:
  runbook report <record> [--format md|json|html|text] [--tz ZONE] [--output FILE]
  runbook report <record A> <record B> [--format md|json|html|text] [--tz ZONE]   compare two runs
  runbook report --runs <runbook> [--runs-folder DIR] [--format md|json|text]

Times are shown in ZONE (an IANA name such as Europe/Paris; default: this machine's zone).
--format text is stable and line-oriented: use it as a git textconv driver so that diffs of
records read as checklists:
  .gitattributes:  *.runbook-run diff=runbook-run
  git config diff.runbook-run.textconv "runbook report --format text"
Exit code 0: done, 1: a record cannot be read, 2: usage or I/O error.`;

const FORMATS = ['md', 'markdown', 'json', 'html', 'text'] as const;
type Format = 'md' | 'json' | 'html' | 'text';

function display(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** Text of one record for git: a damaged record (a conflict, a cut line) still gives lines to diff. */
function textconv(file: string, timeZone: string): string {
  const text = readFileSync(file, 'utf8');
  if (!text.trim()) return '';
  const parsed = parseRecord(text);
  if (parsed.problems.length || !parsed.start) {
    const problems = parsed.problems.length ? parsed.problems : [{ line: 1, message: 'no start event' }];
    return [
      'this record cannot be read as a run; its lines follow as they are',
      ...problems.map((p) => `problem at line ${p.line}: ${oneLine(p.message)}`),
      ...text.split(/\r?\n/).map(oneLine),
    ].join('\n');
  }
  return reportText(buildReport(foldRun(parsed.events)), timeZone);
}

function single(file: string, format: Format, cwd: string, zone: string, now: string): string {
  if (format === 'text') return textconv(file, zone);
  const record = readRecord(file);
  const report = buildReport(record.state, { plan: planFor(record, cwd), now });
  if (format === 'json') return JSON.stringify({ ...report, timeZone: zone }, null, 2);
  if (format === 'html') return reportDocument(report, { timeZone: zone });
  return reportMarkdown(report, zone);
}

function compare(a: string, b: string, format: Format, cwd: string, zone: string, now: string): string {
  const reportOf = (file: string) => {
    const record = readRecord(file);
    return buildReport(record.state, { plan: planFor(record, cwd), now });
  };
  const c = compareRuns(reportOf(a), reportOf(b));
  if (format === 'json') return JSON.stringify(c, null, 2);
  if (format === 'text') return comparisonText(c);
  if (format === 'html') return comparisonDocument(c, { timeZone: zone });
  return comparisonMarkdown(c);
}

function runs(runbookArg: string, folder: string | undefined, format: Format, cwd: string, now: string): string {
  const runbook = resolve(cwd, runbookArg);
  const files = listRecords(runbook, folder);
  const summaries = files.map((f) => summarizeRun(display(cwd, f), buildReport(readRecord(f).state, { now })));
  if (format === 'json')
    return JSON.stringify({ version: 1, runbook: display(cwd, runbook), runs: summaries }, null, 2);
  if (format === 'text') return runsText(display(cwd, runbook), summaries);
  if (format === 'html') throw new UsageError('--format html is for one record; list runs as md, json or text');
  return runsMarkdown(display(cwd, runbook), summaries);
}

/** The diff hint, once the user reads reports in a repository that does not have the driver yet. */
function hintFor(file: string): string {
  const root = gitTopLevel(dirname(file));
  if (!root) return '';
  const status = diffDriverStatus(root, relative(root, file));
  return status.attribute && status.textconv ? '' : diffHint(root);
}

export function reportCommand(argv: string[], cwd: string, now = new Date().toISOString()): CliResult {
  const args = parseCommandArgs(argv, {
    format: { type: 'string', short: 'f' },
    tz: { type: 'string' },
    output: { type: 'string', short: 'o' },
    runs: { type: 'string' },
    'runs-folder': { type: 'string' },
  });
  const positionals = args.positional;
  const values = {
    format: one(args, 'format'),
    tz: one(args, 'tz'),
    output: one(args, 'output'),
    runs: one(args, 'runs'),
    'runs-folder': one(args, 'runs-folder'),
  };
  if (args.flags.has('help')) return { out: REPORT_USAGE, err: '', code: 0 };
  const asked = values.format ?? 'md';
  if (!(FORMATS as readonly string[]).includes(asked))
    throw new UsageError(`--format must be one of md, json, html, text (not '${asked}')`);
  const format: Format = asked === 'markdown' ? 'md' : (asked as Format);
  const zone = values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  try {
    checkTimeZone(zone);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return guardRecord(() => {
    let out: string;
    let hint = '';
    if (values.runs !== undefined) {
      if (positionals.length) throw new UsageError('--runs takes a runbook and no record');
      out = runs(values.runs, values['runs-folder'], format, cwd, now);
    } else if (positionals.length === 1) {
      const file = resolve(cwd, positionals[0]);
      out = single(file, format, cwd, zone, now);
      if (format !== 'text') hint = hintFor(file);
    } else if (positionals.length === 2) {
      out = compare(resolve(cwd, positionals[0]), resolve(cwd, positionals[1]), format, cwd, zone, now);
    } else
      throw new UsageError(`report needs one record, two records to compare, or --runs <runbook>\n${REPORT_USAGE}`);
    if (values.output) {
      writeFileSync(resolve(cwd, values.output), out.endsWith('\n') ? out : `${out}\n`);
      return { out: `wrote ${values.output}`, err: hint, code: 0 };
    }
    // The text form ends with its own newline; the runner adds one to the others.
    return { out: format === 'text' ? out.replace(/\n$/, '') : out, err: hint, code: 0 };
  });
}
