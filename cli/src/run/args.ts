/** Options of the `run` and `report` commands: `--name value`, `--name=value`, flags, and repeats. */
import { UsageError } from '../files';

export interface RunArgs {
  positional: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

export function parseRunArgs(args: string[], valued: readonly string[], booleans: readonly string[]): RunArgs {
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (valued.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else if (booleans.includes(name) || name === 'help') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
    } else {
      throw new UsageError(`Unknown option --${name}`);
    }
  }
  return { positional, values, flags };
}

/** The last value of an option (a repeated single-valued option: the last one wins). */
export function one(args: RunArgs, name: string): string | undefined {
  const v = args.values.get(name);
  return v ? v[v.length - 1] : undefined;
}
