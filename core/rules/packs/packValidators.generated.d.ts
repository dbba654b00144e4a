/** Types of packValidators.generated.js (ajv standalone code written by `npm run schema`). */
import type { ValidateFunction } from 'ajv';

/** The rule kinds, in the order of the `kind_<n>` exports. */
export const kindNames: string[];
export const pack: ValidateFunction;
export const base: ValidateFunction;
// `kind_0`, `kind_1`, …: one per entry of `kindNames`, read by name in parsePack.ts.
