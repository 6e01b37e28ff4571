#!/usr/bin/env node
// The package's `iam-policy-lint` binary: registers tsx's CommonJS loader, then runs the
// TypeScript CLI, so `npx iam-policy-lint` works without a build step.
'use strict';
require('tsx/cjs/api').register();
const { main } = require('./cli.ts');

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
