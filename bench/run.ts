/**
 * `npm run bench`: the linter's speed against the floor (start Node, read and JSON.parse the same
 * input), side by side in one run, on (a) every AWS managed policy as one file each and (b) a
 * generated `terraform show -json` plan of 10,000 IAM resources. Between them, the catalog floor
 * (bench/catalog-floor.ts): the floor plus expanding every distinct action pattern once, what any
 * linter that knows the actions pays before its first rule. Prints medians, the spread of the
 * per-run ratios and peak memory, then where the lint's time goes (one extra `--debug` run per input).
 * A script, not a test: figures are reported, never asserted by timing.
 *
 * Usage: npm run bench [-- --runs N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureData, MANAGED_DIR, PLAN_FILE } from './generate';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own CommonJS helper, shared with build-cli.cjs
const { bundleEntry } = require('../lint/build/bundle-entry.cjs') as { bundleEntry: (entry: string, outfile: string) => Promise<unknown> };

const ROOT = join(__dirname, '..');
const TIME = '/usr/bin/time';
const CATALOG_FLOOR = join(ROOT, 'lint', 'dist', 'catalog-floor.cjs');

interface Sample {
  ms: number;
  peakMiB: number | null;
  exit: number;
  stderr: string;
}

function measure(args: string[]): Sample {
  const useTime = existsSync(TIME);
  const command = useTime ? TIME : process.execPath;
  const argv = useTime ? ['-f', '%M', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let peakMiB: number | null = null;
  let stderr = result.stderr;
  if (useTime) {
    const lines = result.stderr.trimEnd().split('\n');
    const kib = Number(lines.pop());
    if (Number.isFinite(kib)) peakMiB = kib / 1024;
    stderr = lines.join('\n');
  }
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${args.join(' ')} exited ${result.status}:\n${result.stderr.slice(-2000)}`);
  }
  return { ms, peakMiB, exit: result.status ?? -1, stderr };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Series {
  ms: number;
  peakMiB: number | null;
}

function summarise(samples: Sample[]): Series {
  const peaks = samples.map((s) => s.peakMiB).filter((p): p is number => p !== null);
  return { ms: median(samples.map((s) => s.ms)), peakMiB: peaks.length ? Math.max(...peaks) : null };
}

/**
 * The floor, the catalog floor and the lint, run in turns (floor, catalog floor, lint, floor, ...)
 * rather than one series after the other: on a shared machine the load changes by the minute, and
 * each turn then sees about the same. Returns the medians and the spread of the per-turn ratios of
 * the lint to the floor.
 */
function inTurns(floorArgs: string[], catalogArgs: string[], lintArgs: string[], runs: number): { floor: Series; catalog: Series; lint: Series; ratios: [number, number] } {
  // Warm the file cache so every side reads from memory.
  measure(floorArgs);
  measure(catalogArgs);
  measure(lintArgs);
  const floors: Sample[] = [];
  const catalogs: Sample[] = [];
  const lints: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(measure(floorArgs));
    catalogs.push(measure(catalogArgs));
    lints.push(measure(lintArgs));
  }
  const ratios = lints.map((l, i) => l.ms / floors[i].ms);
  return { floor: summarise(floors), catalog: summarise(catalogs), lint: summarise(lints), ratios: [Math.min(...ratios), Math.max(...ratios)] };
}

/**
 * The bundle is what `iam-policy-lint` runs after `npm ci`; without it bin.cjs would measure tsx.
 * The catalog floor is bundled beside it, so it reads the same compact catalog data.
 */
async function build(): Promise<void> {
  const result = spawnSync(process.execPath, [join(ROOT, 'lint', 'build', 'build-cli.cjs')], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr}`);
  await bundleEntry(join(ROOT, 'bench', 'catalog-floor.ts'), CATALOG_FLOOR);
}

async function main(): Promise<void> {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 5;
  ensureData();
  await build();
  const lint = [join('lint', 'bin.cjs'), '--format', 'json', '--output', '/dev/null', '--fail-on', 'never'];
  const cases = [
    { name: '(a) managed policies, 1 file each', path: MANAGED_DIR, goalMiB: null },
    { name: '(b) plan JSON, 10,000 resources', path: PLAN_FILE, goalMiB: 1024 },
  ];
  console.log(`node ${process.version}, ${runs} runs each, medians; peak = max RSS over the runs`);
  console.log('| input | floor ms | catalog floor ms | lint ms | ratio | ratio per run | goal | floor peak MiB | lint peak MiB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
  const phases: string[] = [];
  for (const c of cases) {
    const { floor, catalog, lint: linted, ratios } = inTurns([join('bench', 'floor.cjs'), c.path], [CATALOG_FLOOR, c.path], [...lint, c.path], runs);
    const ratio = linted.ms / floor.ms;
    const memoryOk = c.goalMiB === null || (linted.peakMiB !== null && linted.peakMiB < c.goalMiB);
    const goal = `${ratio <= 3 ? 'met' : 'MISSED'} (<= 3x${c.goalMiB ? `, < ${c.goalMiB} MiB ${memoryOk ? 'met' : 'MISSED'}` : ''})`;
    const fmt = (n: number | null) => (n === null ? 'n/a' : n.toFixed(0));
    const spread = `${ratios[0].toFixed(2)}x to ${ratios[1].toFixed(2)}x`;
    const catalogRatio = `${fmt(catalog.ms)} (${(catalog.ms / floor.ms).toFixed(2)}x)`;
    console.log(`| ${c.name} | ${fmt(floor.ms)} | ${catalogRatio} | ${fmt(linted.ms)} | ${ratio.toFixed(2)}x | ${spread} | ${goal} | ${fmt(floor.peakMiB)} | ${fmt(linted.peakMiB)} |`);
    const debug = measure([...lint, '--debug', c.path]);
    // bin.cjs falls back to tsx when a source changed after the build: then the figures above timed the wrong thing.
    if (debug.stderr.includes('through tsx')) throw new Error(`a source changed during the benchmark, so it ran through tsx, not the bundle: ${debug.stderr.split('\n')[0]}; run it again`);
    phases.push(`${c.name}: ${debug.stderr.split('\n').filter((l) => !l.startsWith('skipped ')).join('; ')}`);
  }
  console.log(`\nWhere the time goes (one --debug run each):\n${phases.map((p) => `- ${p}`).join('\n')}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
