#!/usr/bin/env node
// `npm run build`: bundles the CLI into lint/dist/cli.cjs, so `iam-policy-lint` starts without
// compiling TypeScript (tsx alone costs ~350 ms per run). Packages stay external so they find their
// own data files. lint/dist/inputs.json lists each bundled source with its size and mtime: bin.cjs
// uses the bundle only while they all still match, so an edited source never runs stale code.
'use strict';
const { mkdirSync, statSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');
// tsx's own esbuild: tsx is a dependency, so this works after a plain `npm ci`.
const esbuild = require(require.resolve('esbuild', { paths: [require.resolve('tsx')] }));

const ROOT = resolve(__dirname, '..', '..');
const DIST = join(ROOT, 'lint', 'dist');

function build() {
  mkdirSync(DIST, { recursive: true });
  const result = esbuild.buildSync({
    entryPoints: [join(ROOT, 'lint', 'cli.ts')],
    outfile: join(DIST, 'cli.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
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
  return inputs.length;
}

const count = build();
process.stdout.write(`lint/dist/cli.cjs: bundled ${count} sources\n`);
