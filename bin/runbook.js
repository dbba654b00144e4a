#!/usr/bin/env node
// The `runbook` command: the bundled CLI (`npm install` builds it; in a checkout, `npm run build`).
require('../out/cli.js').runCli();
