#!/usr/bin/env node
// The package's `iam-policy-lint` binary. Runs the bundle from `npm run build` (lint/dist/cli.cjs)
// while every source it was built from is unchanged; else registers tsx and runs the TypeScript,
// so `npx iam-policy-lint` works from a fresh clone and never runs stale code.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const BUNDLE = join(__dirname, 'dist', 'cli.cjs');

/** Why lint/dist/cli.cjs cannot be used, or null when inputs.json matches every source's size and mtime. */
function staleBundle() {
  if (process.env.IAM_POLICY_LINT_NO_BUNDLE === '1') return 'IAM_POLICY_LINT_NO_BUNDLE=1';
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(__dirname, 'dist', 'inputs.json'), 'utf8'));
    statSync(BUNDLE);
  } catch {
    return 'no bundle; npm run build makes one';
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return 'lint/dist/inputs.json lists no sources; npm run build';
  for (const input of inputs) {
    let stats = null;
    try {
      stats = statSync(join(ROOT, input.file));
    } catch {
      // a source gone since the build: stale
    }
    if (!stats || stats.size !== input.size || stats.mtimeMs !== input.mtimeMs) return `${input.file} changed since the build; npm run build`;
  }
  return null;
}

function loadCli() {
  const debug = process.argv.includes('--debug');
  const stale = staleBundle();
  if (stale === null) {
    if (debug) process.setSourceMapsEnabled(true);
    if (debug) process.stderr.write('running lint/dist/cli.cjs\n');
    return require(BUNDLE);
  }
  if (debug) process.stderr.write(`running the TypeScript sources through tsx (${stale})\n`);
  require('tsx/cjs/api').register();
  return require('./cli.ts');
}

// A reader that stops early (`iam-policy-lint ... | head`) closes the pipe: stop quietly, as other
// command-line tools do, instead of dying on an unhandled EPIPE with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

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
