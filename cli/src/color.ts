/**
 * ANSI colour for the text output: on when standard output is a terminal, off under `NO_COLOR`
 * (any non-empty value, see no-color.org) or `--no-color`, forced by `--color` or `FORCE_COLOR`.
 * Colour only marks what the words already say, so nothing is lost without it.
 */
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const COLOR: Paint = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
};
const same = (s: string) => s;
export const PLAIN: Paint = { red: same, yellow: same, blue: same, dim: same, bold: same };

export interface ColorInput {
  /** `--color` given. */
  force: boolean;
  /** `--no-color` given. */
  never: boolean;
  env: NodeJS.ProcessEnv;
  /** The output goes to a terminal (false for `-o FILE` and pipes). */
  isTTY: boolean;
}

export function chooseColor({ force, never, env, isTTY }: ColorInput): boolean {
  if (never) return false;
  if (force) return true;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}
