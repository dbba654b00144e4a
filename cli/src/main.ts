/**
 * The `runbook` command line. Exit codes: 0 no error, 1 an error was found (or a refusal), 2 usage
 * or I/O error. Every command takes `-h`/`--help`; `runbook --version` prints the version.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './args';
import { COMMANDS } from './commands';
import type { CliContext, CliResult } from './command';
import { installNodeSha256 } from '../../node/hash';

export const VERSION = '0.1.0';

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return `Usage: runbook <command> [options]   (runbook <command> --help for its options)

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Options:
  -h, --help     this text
  --version      print the version

Exit code 0: no error, 1: errors found or a step refused, 2: usage or I/O error.`;
}

export function main(argv: string[], cwd = process.cwd(), io: Partial<CliContext> = {}): CliResult {
  // Runbook and step digests through Node's crypto: the same hex as the pure SHA-256, far faster.
  installNodeSha256();
  const ctx: CliContext = {
    cwd,
    env: io.env ?? process.env,
    readStdin: io.readStdin ?? (() => readFileSync(0, 'utf8')),
    isTTY: io.isTTY ?? false,
    version: VERSION,
  };
  try {
    const [name, ...rest] = argv;
    if (!name) return { out: '', err: usage(), code: 2 };
    if (name === '-h' || name === '--help' || name === 'help') return { out: usage(), err: '', code: 0 };
    if (name === '--version' || name === '-v') return { out: VERSION, err: '', code: 0 };
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command)
      throw new UsageError(
        name.startsWith('-') ? `Unknown option ${name}\n${usage()}` : `Unknown command '${name}'.\n${usage()}`,
      );
    return command.run(rest, ctx);
  } catch (e) {
    if (e instanceof UsageError) return { out: '', err: `runbook: ${e.message}`, code: 2 };
    const err = e as NodeJS.ErrnoException;
    if (err.code) return { out: '', err: `runbook: ${err.message}`, code: 2 };
    throw e;
  }
}

/** Runs with the process's arguments and sets its exit code (the `bin` entry calls this). */
export function runCli(): void {
  const { out, err, code } = main(process.argv.slice(2), process.cwd(), { isTTY: !!process.stdout.isTTY });
  if (out) process.stdout.write(`${out}\n`);
  if (err) process.stderr.write(`${err}\n`);
  process.exitCode = code;
}

if (require.main === module) runCli();
