#!/usr/bin/env node
'use strict';
// The CLI is bundled into dist/ by `npm run build` (run by `npm ci` through `prepare`).
process.exitCode = require('../dist/cli.js').main(process.argv.slice(2));
