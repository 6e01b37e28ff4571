#!/usr/bin/env node
// The package's `iam-policy-lint` binary. Runs the bundle from `npm run build` (lint/dist/cli.cjs)
// while every source it was built from is unchanged; else registers tsx and runs the TypeScript,
// so `npx iam-policy-lint` works from a fresh clone and never runs stale code.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BUNDLE = join(__dirname, 'dist', 'cli.cjs');

/** Whether lint/dist/inputs.json still describes the sources: same size and mtime for each. */
function bundleIsCurrent() {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(__dirname, 'dist', 'inputs.json'), 'utf8'));
    statSync(BUNDLE);
  } catch {
    return false;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return false;
  return inputs.every((input) => {
    try {
      const stats = statSync(join(ROOT, input.file));
      return stats.size === input.size && stats.mtimeMs === input.mtimeMs;
    } catch {
      return false;
    }
  });
}

function loadCli() {
  if (process.env.IAM_POLICY_LINT_NO_BUNDLE !== '1' && bundleIsCurrent()) {
    if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
    return require(BUNDLE);
  }
  require('tsx/cjs/api').register();
  return require('./cli.ts');
}

loadCli()
  .main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  })
  .then((code) => {
    process.exitCode = code;
  });
