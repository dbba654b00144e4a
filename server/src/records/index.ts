/**
 * The run-record model (issue 4, "Live checklist"): pure code shared by the CLI, the extension
 * and (validate.ts, events.ts only) the webview. No fs, no editor API; node:crypto for digests.
 * File I/O lives in cli/src/run/recordFiles.ts.
 */
export * from './events';
export * from './serialize';
export * from './parse';
export * from './fold';
export * from './gate';
export * from './diff';
export * from './plan';
export * from './validate';
export * from './commands';
export * from './report';
export { sha256, stepDigest, canonicalJson } from './digest';
