/**
 * The subcommands of `runbook`, one line each. To add one, write a `Command` in its own file and
 * add it here: `--help` lists it and `runbook <name> --help` prints its usage.
 */
import type { Command } from './command';
import { explainCommand } from './explain';
import { lintCommand } from './lintCommand';
import { runEntry } from './run/runCommand';
import { reportCommand, REPORT_USAGE } from './report/command';

const reportEntry: Command = {
  summary: "the report of a run record (md, json, html, text), two runs compared, or a runbook's runs",
  usage: REPORT_USAGE,
  run: (argv, ctx) => reportCommand(argv, ctx.cwd),
};

export const COMMANDS: Record<string, Command> = {
  lint: lintCommand,
  run: runEntry,
  report: reportEntry,
  explain: explainCommand,
};
