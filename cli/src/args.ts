/**
 * The one argument parser of the `runbook` command (node:util `parseArgs`, strict), and the
 * error it throws. A UsageError ends the command with exit code 2 and its message on stderr.
 */
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

/** Options a command accepts: each takes a value (`string`) or is a flag (`boolean`); `short` is one letter. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export interface ParsedArgs {
  positional: string[];
  /** Every value of each valued option, in order (a repeat adds one). */
  values: Map<string, string[]>;
  flags: Set<string>;
}

/** Accepted by every command: `-h`/`--help`. */
const COMMON: OptionSpec = { help: { type: 'boolean', short: 'h' } };

/**
 * Parses `--name value`, `--name=value`, `-x value`, flags, repeats and `--` (the rest is
 * positional); `-` alone is a positional (standard input). Unknown options and missing values
 * are UsageErrors that name the option.
 */
export function parseCommandArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries({ ...COMMON, ...spec }).map(([name, o]) => [
      name,
      o.type === 'string' ? { ...o, multiple: true as const } : o,
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(usageMessage(e as Error & { code?: string }, spec));
  }
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (Array.isArray(value)) values.set(name, value as string[]);
    else if (value === true) flags.add(name);
  }
  return { positional: parsed.positionals, values, flags };
}

/** Node's messages are long and mention `strict:false`; say it the way the rest of the CLI does. */
function usageMessage(e: Error & { code?: string }, spec: OptionSpec): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${option ?? e.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = /--([\w-]+)/.exec(e.message)?.[1];
      return spec[name ?? '']?.type === 'boolean' ? `--${name} takes no value` : `--${name} needs a value`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument ${option ?? ''}`.trim();
    default:
      return e.message;
  }
}

/** The last value of an option (a repeated single-valued option: the last one wins). */
export function one(args: ParsedArgs, name: string): string | undefined {
  const v = args.values.get(name);
  return v ? v[v.length - 1] : undefined;
}

/** A whole number option such as `--max-warnings 0`. */
export function count(args: ParsedArgs, name: string): number | undefined {
  const v = one(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} needs a whole number, not '${v}'`);
  return Number(v);
}
