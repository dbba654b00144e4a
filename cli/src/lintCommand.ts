/** `runbook lint`: its options, read with the shared parser, and where its output goes. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { count, one, parseCommandArgs, UsageError, type OptionSpec } from './args';
import { chooseColor } from './color';
import type { Command } from './command';
import { FORMATS, type Format } from './formats';
import { lint, STDIN_NAME } from './lint';

const OPTIONS: OptionSpec = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  output: { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
};

export const LINT_USAGE = `Usage: runbook lint [paths or globs...] [options]

Checks runbooks (*.runbook.yaml, *.runbook.yml, *.runbook.json). Folders are searched; files a
.gitignore ignores are left out, and so are node_modules and .git. Globs: ** * ? {a,b} [ab].
'-' reads one runbook from standard input.

Options:
  -f, --format FORMAT     text (default), json, sarif or github
  -c, --config FILE       use this config file instead of the nearest .runbookrc.json
  -o, --output FILE       write the report to FILE instead of standard output
  -q, --quiet             report errors only
      --max-warnings N    more than N warnings fail the run (exit 1)
      --stdin             read a runbook from standard input (same as '-')
      --stdin-filename P  the path the standard input stands for (its config, its name in the report)
      --color, --no-color colour on or off (default: on when writing to a terminal, off under NO_COLOR)
      --no-error-on-unmatched-pattern
                          a path or glob that finds no runbook is passed over instead of exit 2
  -h, --help              this text

Exit code 0: no error, 1: errors found (or more warnings than --max-warnings), 2: usage or I/O error.`;

export const lintCommand: Command = {
  summary: 'check runbooks, as the editor does (text, json, sarif, github)',
  usage: LINT_USAGE,
  run(argv, ctx) {
    const args = parseCommandArgs(argv, OPTIONS);
    if (args.flags.has('help')) return { out: LINT_USAGE, err: '', code: 0 };
    const format = (one(args, 'format') ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const stdinWanted = args.flags.has('stdin') || args.positional.includes('-');
    const paths = args.positional.filter((p) => p !== '-');
    if (one(args, 'stdin-filename') !== undefined && !stdinWanted)
      throw new UsageError('--stdin-filename needs --stdin or -');
    const output = one(args, 'output');
    const result = lint(paths, {
      format,
      cwd: ctx.cwd,
      version: ctx.version,
      configPath: one(args, 'config'),
      quiet: args.flags.has('quiet'),
      maxWarnings: count(args, 'max-warnings'),
      errorOnUnmatched: !args.flags.has('no-error-on-unmatched-pattern'),
      color: chooseColor({
        force: args.flags.has('color'),
        never: args.flags.has('no-color'),
        env: ctx.env,
        isTTY: ctx.isTTY && !output,
      }),
      stdin: stdinWanted ? { text: ctx.readStdin(), filename: one(args, 'stdin-filename') ?? STDIN_NAME } : undefined,
    });
    const err = result.note ? `runbook: ${result.note}` : '';
    if (output) {
      writeFileSync(resolve(ctx.cwd, output), `${result.output}\n`);
      return { out: '', err, code: result.exitCode };
    }
    return { out: result.output, err, code: result.exitCode };
  },
};
