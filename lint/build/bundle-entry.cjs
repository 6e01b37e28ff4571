// One TypeScript entry bundled into one CommonJS file beside lint/dist's data: the CLI's build
// (build-cli.cjs) and the benchmark's catalog floor (bench/catalog-floor.ts) both go through here,
// so both find the compact catalog data the same way.
'use strict';
const { readFileSync } = require('node:fs');
const { basename, dirname, relative } = require('node:path');
// tsx's own esbuild: tsx is a dependency, so this works after a plain `npm ci`.
const esbuild = require(require.resolve('esbuild', { paths: [require.resolve('tsx')] }));

/**
 * Sources find files beside them through __dirname (policies/ lists its presets that way); in one
 * bundle every module would get the bundle's folder. This rewrites __dirname and __filename to the
 * source's own place, relative to the bundle, so the bundle still works when the checkout moves.
 */
function sourcePlaces(outdir) {
  return {
    name: 'source-places',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
        const dir = JSON.stringify(relative(outdir, dirname(args.path)));
        const file = JSON.stringify(basename(args.path));
        const contents = text
          .replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${dir})`)
          .replace(/\b__filename\b/g, `require("node:path").join(__dirname, ${dir}, ${file})`);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** Bundles `entry` into `outfile` (packages stay external so they find their own data files); esbuild's result, with its metafile. */
function bundleEntry(entry, outfile, options = {}) {
  return esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourcePlaces(dirname(outfile))],
    ...options,
  });
}

module.exports = { bundleEntry };
