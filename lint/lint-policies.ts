/**
 * `npm run lint-policies [-- OPTIONS]`: lint what this project deploys. Synthesizes the stacks when
 * cdktf.out is missing, older than the app's sources, the IAM_USERS_CONFIG file or the lint config,
 * or was built from another IAM_USERS_CONFIG or lint config (never with --no-synth), then runs
 * iam-policy-lint on cdktf.out and policies/ with the other options passed through. The exit status
 * is the linter's (0, 1, 2); a synth that fails is 2, as there is then nothing sound to lint.
 *
 * The synth guard reads the lint config the linter reads (`--config FILE`, or the one the CLI would
 * find): the guard's findings decide which construct suppressions the synth records, and a config
 * the guard cannot use fails the synth.
 *
 * Paths are given relative to the project root so reports (SARIF for code scanning above all) name
 * files the way the repository does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_ENV } from '../config';
import { GUARD_MODE_VARIABLE } from './aspect/guard-mode';
import { suppressionsInSynthOutput, type ConfigFileSuppression } from './aspect/synth-output-suppressions';
import { CONFIG_FILE_VARIABLE, DEFAULT_CONFIG_FILE, loadConfig, locateConfig } from './config/load-config';
import { rebaseFileGlobs } from './config/rebase-file-globs';
import { ConfigError } from './config/types';
import { validateConfig } from './config/validate-config';

export const ROOT = join(__dirname, '..');
export const SYNTH_OUTPUT = 'cdktf.out';
export const LINTED_PATHS = [SYNTH_OUTPUT, 'policies'];
/** Options lint-policies takes itself; everything else goes to iam-policy-lint. */
export const LINT_POLICIES_OPTIONS = ['--no-synth'];
const INFORMATIONAL_OPTIONS = ['--help', '-h', '--version', '-v'];
/** What the app is built from: a change to any of them makes cdktf.out stale. */
const APP_SOURCES = ['main.ts', 'config.ts', 'cdktf.json', 'stacks', 'modules', 'policies'];

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

/**
 * Which IAM_USERS_CONFIG and lint config the last synth of lint-policies used: a switch to another
 * file is a change too. Kept outside cdktf.out, which is linted (a stamp there would count as a
 * skipped file).
 */
export const SYNTH_STAMP = join('node_modules', '.cache', 'iam-policy-lint', 'synth.json');

function usersConfig(env: NodeJS.ProcessEnv): string | null {
  const file = env[CONFIG_ENV];
  return file === undefined || file === '' ? null : file;
}

interface SynthStamp {
  usersConfig: string | null;
  /** Absolute path of the lint config the guard read, or null for none. */
  lintConfig: string | null;
}

function readStamp(root: string): SynthStamp {
  try {
    const stamp = JSON.parse(readFileSync(join(root, SYNTH_STAMP), 'utf8')) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    return { usersConfig: text(stamp.usersConfig), lintConfig: text(stamp.lintConfig) };
  } catch {
    // No stamp: cdktf.out came from a plain `cdktf synth`, taken to be without either file.
    return { usersConfig: null, lintConfig: null };
  }
}

/**
 * The lint config of this run, as an absolute path (null for none): `--config FILE` (relative to
 * the root, where the linter runs), else the file the CLI would find from the root.
 */
export function lintConfigFile(given: string | undefined, root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  // `--config` without a file is the linter's usage error to report.
  if (given === '') return null;
  return locateConfig(given === undefined ? null : resolve(root, given), root, env)?.file ?? null;
}

/**
 * True when cdktf.out is missing, older than a source of the app, the IAM_USERS_CONFIG file or the
 * lint config, or built from another IAM_USERS_CONFIG or lint config.
 */
export function synthIsStale(root: string, env: NodeJS.ProcessEnv = process.env, lintConfig: string | null = lintConfigFile(undefined, root, env)): boolean {
  const manifest = join(root, SYNTH_OUTPUT, 'manifest.json');
  if (!existsSync(manifest)) return true;
  const configFile = usersConfig(env);
  const stamp = readStamp(root);
  if (configFile !== stamp.usersConfig || lintConfig !== stamp.lintConfig) return true;
  const built = statSync(manifest).mtimeMs;
  const sources = [...APP_SOURCES, ...(configFile === null ? [] : [configFile]), ...(lintConfig === null ? [] : [lintConfig])];
  return sources.some((source) => newestModification(resolve(root, source)) > built);
}

/**
 * The synth's environment: the guard reports instead of failing, so the linter sees the findings
 * and sets the exit status, and it reads the linter's config.
 */
export function synthEnvironment(lintConfig: string | null, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const synthEnv: NodeJS.ProcessEnv = { CHECKPOINT_DISABLE: '1', ...env, [GUARD_MODE_VARIABLE]: 'report' };
  // Unset, the guard would look for a config itself and, with nothing found, use none: as wanted.
  if (lintConfig === null) delete synthEnv[CONFIG_FILE_VARIABLE];
  else synthEnv[CONFIG_FILE_VARIABLE] = lintConfig;
  return synthEnv;
}

/** Which config the synth guard and the linter read, as one line for the run's output. */
export function lintConfigNote(lintConfig: string | null, root: string): string {
  if (lintConfig === null) {
    return `the synth guard and the linter both run without a config (no --config, no ${CONFIG_FILE_VARIABLE}, no ${DEFAULT_CONFIG_FILE} up to the repository root)`;
  }
  return `the synth guard and the linter both read the config ${shownPath(lintConfig, root)}`;
}

/** A file as the user would name it from the project root. */
function shownPath(file: string, root: string): string {
  const shown = relative(root, file);
  return shown.startsWith('..') ? file : shown;
}

/** Why the lint config cannot be used (naming the file and the key), or null. */
export function configProblem(lintConfig: string | null): string | null {
  if (lintConfig === null) return null;
  try {
    loadConfig(lintConfig);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

function synthesize(root: string, lintConfig: string | null): number {
  process.stderr.write(
    `lint-policies: ${SYNTH_OUTPUT} is missing or older than the app, its ${CONFIG_ENV} or the lint config; running cdktf synth; ${lintConfigNote(lintConfig, root)}\n`,
  );
  // The synth's own output goes to stderr: stdout carries the report (--format json).
  const result = spawnSync('npx', ['cdktf', 'synth'], { cwd: root, stdio: ['ignore', 2, 2], env: synthEnvironment(lintConfig) });
  if (result.status === 0) {
    mkdirSync(join(root, SYNTH_STAMP, '..'), { recursive: true });
    const stamp: SynthStamp = { usersConfig: usersConfig(process.env), lintConfig };
    writeFileSync(join(root, SYNTH_STAMP), `${JSON.stringify(stamp)}\n`);
  }
  return result.status ?? 2;
}

/** Suppressions written with suppressLint, as the synth recorded them in each stack's JSON. */
export function constructSuppressionsIn(root: string): ConfigFileSuppression[] {
  const stacks = join(root, SYNTH_OUTPUT, 'stacks');
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks)
    .sort()
    .flatMap((stack) => {
      const file = `${SYNTH_OUTPUT}/stacks/${stack}/cdk.tf.json`;
      try {
        return suppressionsInSynthOutput(JSON.parse(readFileSync(join(root, file), 'utf8')), file);
      } catch {
        // An unreadable stack is the linter's to report, with the file and place.
        return [];
      }
    });
}

/** CLI options that add findings of rules the synth-time guard does not run, and their rule ids' prefix. */
const ONLINE_OPTIONS = ['--access-analyzer', '--check-no-new-access'];
const ONLINE_RULE_PREFIX = 'access-analyzer/';

/** The `--config FILE` (or `-c FILE`, `-cFILE`, `--config=FILE`) among the arguments, and the others. */
export function takeConfigOption(argv: readonly string[]): { given: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    if (argument === '--config' || argument === '-c') given = argv[++i] ?? '';
    else if (argument.startsWith('--config=')) given = argument.slice('--config='.length);
    // `-cci.json`: the linter's parser takes what follows a short option as its value.
    else if (argument.startsWith('-c') && !argument.startsWith('--')) given = argument.slice(2);
    else rest.push(argument);
  }
  return { given, rest };
}

export interface LintArguments {
  argv: string[];
  /** The temporary merged config, and what to call it in the linter's messages; null without one. */
  merged: { file: string; standsFor: string } | null;
  cleanUp(): void;
}

/**
 * The arguments with `--config` pointing at the user's config plus the constructs' suppressions,
 * so the report shows those findings as suppressed with their reasons. A config that is not valid
 * is left to the linter, which names the user's file in its error.
 */
export function withConstructSuppressions(argv: readonly string[], root: string): LintArguments {
  const unchanged = { argv: [...argv], merged: null, cleanUp: () => undefined };
  // Without the options that report them, suppressions of access-analyzer/... findings could only
  // come out as "matched no finding" notes, naming the temporary config below.
  const online = argv.some((a) => ONLINE_OPTIONS.some((option) => a === option || a.startsWith(`${option}=`)));
  const suppressions = constructSuppressionsIn(root).filter((s) => online || !s.rule.startsWith(ONLINE_RULE_PREFIX));
  if (suppressions.length === 0) return unchanged;
  const { given, rest } = takeConfigOption(argv);
  if (given === '') return unchanged;
  const configFile = lintConfigFile(given, root);
  let config: Record<string, unknown> = {};
  if (configFile !== null) {
    try {
      const value: unknown = JSON.parse(readFileSync(configFile, 'utf8'));
      validateConfig(value, configFile);
      config = value as Record<string, unknown>;
    } catch {
      return unchanged;
    }
  }
  const own = configFile === null ? [] : rebaseFileGlobs((config.suppressions as unknown[] | undefined) ?? [], dirname(configFile), root);
  const merged = { ...config, suppressions: [...own, ...suppressions] };
  // Outside cdktf.out, which is linted; findings name paths relative to the root, so globs still match.
  const folder = mkdtempSync(join(tmpdir(), 'iam-policy-lint-'));
  const mergedFile = join(folder, 'config.json');
  writeFileSync(mergedFile, `${JSON.stringify(merged, null, 2)}\n`);
  const standsFor = configFile === null ? `the suppressLint calls recorded in ${SYNTH_OUTPUT}` : shownPath(configFile, root);
  return { argv: [...rest, '--config', mergedFile], merged: { file: mergedFile, standsFor }, cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}

export function lintPolicies(argv: readonly string[], root: string = ROOT): number {
  const noSynth = argv.includes('--no-synth');
  const passed = argv.filter((argument) => !LINT_POLICIES_OPTIONS.includes(argument));
  // Help and version say nothing about the stacks: no reason to wait for a synth, or to fail on one.
  const informational = passed.some((argument) => INFORMATIONAL_OPTIONS.includes(argument));
  const lintConfig = lintConfigFile(takeConfigOption(passed).given, root);
  if (!noSynth && !informational && synthIsStale(root, process.env, lintConfig)) {
    // The guard would fail the synth on it, after ten seconds and under cdktf's output.
    const problem = configProblem(lintConfig);
    if (problem !== null) {
      process.stderr.write(`lint-policies: ${problem}\n`);
      return 2;
    }
    const status = synthesize(root, lintConfig);
    if (status !== 0) {
      process.stderr.write(
        `lint-policies: cdktf synth failed (exit ${status}); fix what it reports above, or pass --no-synth to lint the existing ${SYNTH_OUTPUT}\n`,
      );
      return 2;
    }
  }
  const lintArguments = withConstructSuppressions(passed, root);
  const { merged } = lintArguments;
  // The linter's notes (a suppression that matched nothing) would name the temporary config.
  const lint = spawnSync(process.execPath, [join(ROOT, 'lint', 'bin.cjs'), ...lintArguments.argv, ...LINTED_PATHS], {
    cwd: root,
    stdio: ['inherit', 'inherit', merged === null ? 'inherit' : 'pipe'],
    encoding: 'utf8',
    // --debug lists every skipped file: more than spawnSync's default 1 MB on a large tree.
    maxBuffer: 256 * 1024 * 1024,
  });
  lintArguments.cleanUp();
  if (merged !== null && typeof lint.stderr === 'string') process.stderr.write(lint.stderr.split(merged.file).join(merged.standsFor));
  if (lint.error) {
    process.stderr.write(`lint-policies: could not run iam-policy-lint: ${lint.error.message}\n`);
    return 2;
  }
  return lint.status ?? 2;
}

if (require.main === module) {
  process.exitCode = lintPolicies(process.argv.slice(2));
}
