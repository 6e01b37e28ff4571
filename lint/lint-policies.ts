/**
 * `npm run lint-policies [-- OPTIONS]`: lint what this project deploys. Synthesizes the stacks when
 * cdktf.out is missing or older than the app's sources (never with --no-synth), then runs
 * iam-policy-lint on cdktf.out and policies/ with the other options passed through. The exit status
 * is the linter's (0, 1, 2); a synth that fails is 2, as there is then nothing sound to lint.
 *
 * Paths are given relative to the project root so reports (SARIF for code scanning above all) name
 * files the way the repository does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');
export const SYNTH_OUTPUT = 'cdktf.out';
export const LINTED_PATHS = [SYNTH_OUTPUT, 'policies'];
/** What the app is built from: a change to any of them makes cdktf.out stale. */
const APP_SOURCES = ['main.ts', 'cdktf.json', 'modules', 'policies'];
/**
 * Set for the synth this script runs: the synth-time guard then reports findings as warnings, so
 * the stacks are written and the linter reports them in the format asked for, with the exit status.
 */
export const GUARD_MODE_VARIABLE = 'IAM_POLICY_LINT_GUARD';

/** Newest modification time (ms) of a file or of the files in a folder, tests and node_modules aside. */
export function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestModification(join(path, entry.name)));
  }
  return newest;
}

/** True when cdktf.out is missing or older than a source of the app. */
export function synthIsStale(root: string): boolean {
  const manifest = join(root, SYNTH_OUTPUT, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  return APP_SOURCES.some((source) => newestModification(join(root, source)) > built);
}

function synthesize(root: string): number {
  process.stderr.write(`lint-policies: ${SYNTH_OUTPUT} is missing or older than the app; running cdktf synth\n`);
  // The synth's own output goes to stderr: stdout carries the report (--format json without --output).
  const result = spawnSync('npx', ['cdktf', 'synth'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    env: { CHECKPOINT_DISABLE: '1', ...process.env, [GUARD_MODE_VARIABLE]: 'report' },
  });
  return result.status ?? 2;
}

export function lintPolicies(argv: readonly string[], root: string = ROOT): number {
  const noSynth = argv.includes('--no-synth');
  const lintArguments = argv.filter((argument) => argument !== '--no-synth');
  if (!noSynth && synthIsStale(root)) {
    const status = synthesize(root);
    if (status !== 0) {
      process.stderr.write(
        `lint-policies: cdktf synth failed (exit ${status}); fix main.ts, or pass --no-synth to lint the existing ${SYNTH_OUTPUT}\n`,
      );
      return 2;
    }
  }
  const lint = spawnSync(process.execPath, [join(ROOT, 'lint', 'bin.cjs'), ...lintArguments, ...LINTED_PATHS], {
    cwd: root,
    stdio: 'inherit',
  });
  if (lint.error) {
    process.stderr.write(`lint-policies: could not run iam-policy-lint: ${lint.error.message}\n`);
    return 2;
  }
  return lint.status ?? 2;
}

if (require.main === module) {
  process.exitCode = lintPolicies(process.argv.slice(2));
}
