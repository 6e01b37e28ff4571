#!/usr/bin/env node
// `npm run build`: bundles the CLI into lint/dist/cli.cjs, so `iam-policy-lint` starts without
// compiling TypeScript (tsx alone costs ~350 ms per run). Packages stay external so they find their
// own data files. lint/dist/inputs.json lists each bundled source with its size and mtime: bin.cjs
// uses the bundle only while they all still match, so an edited source never runs stale code.
'use strict';
const { mkdirSync, statSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');
const { bundleEntry } = require('./bundle-entry.cjs');
const { compactData } = require('./compact-data.cjs');

const ROOT = resolve(__dirname, '..', '..');
// `node lint/build/build-cli.cjs [OUTDIR]`: OUTDIR is for tests; bin.cjs only looks in lint/dist.
const DIST = resolve(process.argv[2] ?? join(ROOT, 'lint', 'dist'));

async function build() {
  mkdirSync(DIST, { recursive: true });
  const result = await bundleEntry(join(ROOT, 'lint', 'cli.ts'), join(DIST, 'cli.cjs'), { sourcemap: 'linked' });
  const inputs = Object.keys(result.metafile.inputs)
    .map((file) => resolve(ROOT, file))
    .sort()
    .map((file) => {
      const stats = statSync(file);
      return { file: relative(ROOT, file), size: stats.size, mtimeMs: stats.mtimeMs };
    });
  writeFileSync(join(DIST, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
  // A build output, never committed; ignored from inside so the repository's .gitignore stays as is.
  writeFileSync(join(DIST, '.gitignore'), '*\n');
  compactData(DIST);
  return inputs.length;
}

build().then(
  (count) => process.stdout.write(`lint/dist/cli.cjs: bundled ${count} sources\n`),
  (error) => {
    process.stderr.write(`npm run build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
