/**
 * out/server.js: what editors start with `node`. Runs the server bundle (out/serverMain.js,
 * from nodeMain.ts) through a V8 code cache (node/codeCache.ts), so that every start after the
 * first skips compiling it. Kept to this file and node/codeCache.ts: everything it imports is
 * compiled on every start.
 */
import { join } from 'node:path';
import { runWithCodeCache } from '../../node/codeCache';

runWithCodeCache(join(__dirname, 'serverMain.js'));
