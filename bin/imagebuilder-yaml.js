#!/usr/bin/env node
'use strict';
// The CLI is bundled into dist/ by `npm run build` (run by `npm ci` through `prepare`).
// `main` returns a number, or a Promise of one for the commands that call Image Builder.
Promise.resolve(require('../dist/cli.js').main(process.argv.slice(2))).then((code) => {
  // -1 means a long-running command (the language server) that sets its own exit code.
  if (code >= 0) process.exitCode = code;
});
