/**
 * The `runbook` command line. Exit codes: 0 no error, 1 an error was found, 2 usage or I/O error.
 */
import { lint } from './lint';
import { FORMATS, type Format } from './formats';
import { UsageError } from './files';
import { runCommand, RUN_USAGE } from './run/runCommand';
import { reportCommand } from './report/command';

const VERSION = '0.1.0';

const USAGE = `Usage:
  runbook lint [paths or globs...] [--format text|json|sarif|github] [--config FILE]

Checks *.runbook.yaml and *.runbook.yml files (folders are searched). Exit code 0: no error,
1: errors found, 2: usage or I/O error.

${RUN_USAGE.replace(/^Usage:\n/, '')}`;

interface Parsed {
  positional: string[];
  flags: Map<string, string>;
}

function parseArgs(args: string[], valued: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s);
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else if (['help', 'version'].includes(name)) flags.set(name, 'true');
    else throw new UsageError(`Unknown option --${name}`);
  }
  return { positional, flags };
}

export function main(argv: string[], cwd = process.cwd()): { out: string; err: string; code: number } {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === 'help') return { out: USAGE, err: '', code: command ? 0 : 2 };
    if (command === '--version') return { out: VERSION, err: '', code: 0 };
    if (command === 'lint') {
      const { positional, flags } = parseArgs(rest, ['format', 'config']);
      if (flags.has('help')) return { out: USAGE, err: '', code: 0 };
      const format = (flags.get('format') ?? 'text') as Format;
      if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
      const result = lint(positional, format, cwd, VERSION, flags.get('config'));
      return { out: result.output, err: '', code: result.exitCode };
    }
    if (command === 'run') return runCommand(rest, cwd);
    if (command === 'report') return reportCommand(rest, cwd);
    throw new UsageError(`Unknown command '${command}'.\n${USAGE}`);
  } catch (e) {
    if (e instanceof UsageError) return { out: '', err: `runbook: ${e.message}`, code: 2 };
    const err = e as NodeJS.ErrnoException;
    if (err.code) return { out: '', err: `runbook: ${err.message}`, code: 2 };
    throw e;
  }
}

/** Runs with the process's arguments and sets its exit code (the `bin` entry calls this). */
export function runCli(): void {
  const { out, err, code } = main(process.argv.slice(2));
  if (out) process.stdout.write(`${out}\n`);
  if (err) process.stderr.write(`${err}\n`);
  process.exitCode = code;
}

if (require.main === module) runCli();
