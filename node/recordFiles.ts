/**
 * Run records on disk, shared by the CLI and the extension (which bundles this module; it uses
 * Node's fs and git, never `vscode`). The record model itself is pure: core/records.
 *
 * Split into node/records/: paths.ts (names and folders), atomicWrite.ts (temp file, fsync,
 * rename; refuses read-only and linked records), lock.ts (bounded, owner-aware lock), git.ts,
 * store.ts (read-decide-write). This file keeps the old import path working; new code imports
 * node/records (and the extension host its async forms).
 *
 * Git: concurrent appends at the end of a file conflict under git's default merge (measured in
 * test/unit/records/git-merge.test.ts), so records need `*.runbook-run merge=union` in
 * .gitattributes; with it, both sides' lines are kept and the fold sorts them.
 */
export * from './records';
