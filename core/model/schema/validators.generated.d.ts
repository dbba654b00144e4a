/** Types of validators.generated.js (ajv standalone code written by `npm run schema`). */
import type { ValidateFunction } from 'ajv';

/** The actions that have a `with:` schema, in the order of the `with_<n>` exports. */
export const withActions: string[];
export const header: ValidateFunction;
export const step: ValidateFunction;
// `with_0`, `with_1`, …: one per entry of `withActions`, read by name in validateSchema.ts.
