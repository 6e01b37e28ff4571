#!/usr/bin/env node
// `npm run build`: bundles the CLI into lint/dist/cli.cjs, so `iam-policy-lint` starts without
// compiling TypeScript (tsx alone costs ~350 ms per run). Packages stay external so they find their
// own data files. lint/dist/inputs.json lists each bundled source with its size and mtime: bin.cjs
// uses the bundle only while they all still match, so an edited source never runs stale code.
'use strict';
const { mkdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { basename, dirname, join, relative, resolve } = require('node:path');
// tsx's own esbuild: tsx is a dependency, so this works after a plain `npm ci`.
const esbuild = require(require.resolve('esbuild', { paths: [require.resolve('tsx')] }));
const { compactData } = require('./compact-data.cjs');

const ROOT = resolve(__dirname, '..', '..');
// `node lint/build/build-cli.cjs [OUTDIR]`: OUTDIR is for tests; bin.cjs only looks in lint/dist.
const DIST = resolve(process.argv[2] ?? join(ROOT, 'lint', 'dist'));

/**
 * Sources find files beside them through __dirname (policies/ lists its presets that way); in one
 * bundle every module would get lint/dist. This rewrites __dirname and __filename to the source's
 * own place, relative to the bundle, so the bundle still works when the checkout moves.
 */
const sourcePlaces = {
  name: 'source-places',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
      const dir = JSON.stringify(relative(DIST, dirname(args.path)));
      const file = JSON.stringify(basename(args.path));
      const contents = text
        .replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${dir})`)
        .replace(/\b__filename\b/g, `require("node:path").join(__dirname, ${dir}, ${file})`);
      return { contents, loader: 'ts' };
    });
  },
};

async function build() {
  mkdirSync(DIST, { recursive: true });
  const result = await esbuild.build({
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
    plugins: [sourcePlaces],
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
