#!/usr/bin/env node
'use strict';
// The CLI is bundled into dist/ by `npm run build` (run by `npm ci` through `prepare`).
const code = require('../dist/cli.js').main(process.argv.slice(2));
// -1 means a long-running command (the language server) that sets its own exit code.
if (code >= 0) process.exitCode = code;
