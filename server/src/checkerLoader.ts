/**
 * out/serverChecker.js: the checker thread's entry (checkerThread.ts starts it). Runs the
 * checker bundle (out/serverCheckerMain.js, from checker.ts) through the code cache, as
 * nodeLoader.ts does for the server: a large runbook's first check is the thread's first work.
 */
import { join } from 'node:path';
import { runWithCodeCache } from '../../node/codeCache';

runWithCodeCache(join(__dirname, 'serverCheckerMain.js'));
