/** What every `runbook` subcommand is: a usage text and a function from arguments to output and exit code. */
export interface CliResult {
  out: string;
  err: string;
  code: number;
}

/** What a command may use of the process; tests pass their own. */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Standard input, read when a command asks for it (`lint -`). */
  readStdin: () => string;
  /** Standard output is a terminal (colour by default). */
  isTTY: boolean;
  version: string;
}

export interface Command {
  /** One line for `runbook --help`. */
  summary: string;
  /** The command's own `--help` text. */
  usage: string;
  run(argv: string[], ctx: CliContext): CliResult;
}
