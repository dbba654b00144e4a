/**
 * The subcommands of `runbook`, one line each. To add one, write a `Command` in its own file and
 * add it here: `--help` lists it and `runbook <name> --help` prints its usage.
 */
import type { Command } from './command';
import { explainCommand } from './explain';
import { lintCommand } from './lintCommand';
import { reportEntry, runEntry } from './run/runCommand';

export const COMMANDS: Record<string, Command> = {
  lint: lintCommand,
  run: runEntry,
  report: reportEntry,
  explain: explainCommand,
};
