#!/usr/bin/env node
// The `runbook` command of the npm package: one bundled file with no dependencies.
require('../dist/runbook.js').runCli();
