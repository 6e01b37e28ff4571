/**
 * `iam-policy-lint`: argument parsing, config, the run, the report and the exit status.
 * Exit 0: nothing at or above --fail-on; 1: such findings; 2: usage, config or input problems,
 * printed as one line each without a stack trace (unless --debug).
 */
import { parseArgs } from 'node:util';
import { closest, editDistance } from './catalog/action-pattern';
import { ConfigError } from './config/types';
import { configDebugLine, resolveConfig } from './config/load-config';
import { presetMappingNotes } from './config/preset-mapping-notes';
import { formatInputError, lint, type LintRunResult } from './index';
import { loadAwsCatalog } from './engine/load-catalog';
import { EXIT_USAGE, exitCode, FAIL_ON, formatReport, FORMATS, type FailOn, type Format } from './report/index';
import { checkOutputFile, OutputFileError, writeOutputFile } from './report/output-file';
import { TOOL_NAME, TOOL_VERSION } from './report/tool';
import { visible } from './report/visible-text';
import { uncheckedLines } from './report/unchecked';
import { rules } from './rules/index';
import type { RuleMeta } from './rules/rule';
import type { analyzeRun } from './access-analyzer/analyze-run';
import { loadReferencePolicy, ReferencePolicyError } from './access-analyzer/reference-policy';
import { applyBaseline, BaselineError, baselineNotes, readBaseline } from './baseline/index';

export const USAGE = `Usage: ${TOOL_NAME} [options] PATH...

Lint IAM policies in policy JSON files, Terraform JSON (cdktf.out/stacks/*/cdk.tf.json, *.tf.json),
HCL (*.tf, *.tofu) and plans (terraform show -json). Folders are searched recursively.

Options:
  --format text|json|sarif|github   report format (default: text)
  --output FILE                     write the report to FILE instead of standard output
  --fail-on error|warning|info|never
                                    exit 1 when a finding is at or above this severity (default: error)
  -c, --config FILE                 config file (default: the file IAM_POLICY_LINT_CONFIG names, else the nearest
                                    .iam-policy-lint.json from the working folder up to the repository root)
  --baseline FILE                   report only findings that FILE (an earlier --format json report) does not have
  --access-analyzer                 also check each document with IAM Access Analyzer ValidatePolicy (online;
                                    AWS region and credentials from the usual chain)
  --check-no-new-access REF         ask IAM Access Analyzer whether each policy grants more than REF
                                    (a policy JSON file or a preset name from policies/; online)
  --debug                           print the config read, skipped files, unchecked policies with why, timings
                                    and stack traces to standard error
  --version                         print the version and the AWS catalog data version
  --help                            print this help

Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 usage, config or unreadable input.
Rule docs: docs/rules/<rule-id>.md`;

const OPTION_VALUES: Record<string, string> = {
  format: FORMATS.join(', '),
  'fail-on': FAIL_ON.join(', '),
  output: 'a file to write the report to',
  config: 'a config file such as .iam-policy-lint.json',
  baseline: 'a JSON report from an earlier run (--format json)',
  'check-no-new-access': 'a policy JSON file or a preset name',
};

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stdout is a terminal (colours in the text format). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Where `.iam-policy-lint.json` is looked for. */
  cwd: string;
}

class UsageError extends Error {}

type AnalyzeRunModule = { analyzeRun: typeof analyzeRun };

interface CliOptions {
  format: Format;
  output: string | null;
  failOn: FailOn;
  config: string | null;
  baseline: string | null;
  accessAnalyzer: boolean;
  checkNoNewAccess: string | null;
  debug: boolean;
  version: boolean;
  help: boolean;
  paths: string[];
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} takes ${allowed.join(', ')}; got "${value}"`);
}

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        config: { type: 'string', short: 'c' },
        baseline: { type: 'string' },
        'access-analyzer': { type: 'boolean' },
        'check-no-new-access': { type: 'string' },
        debug: { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  for (const name of ['output', 'config', 'baseline', 'check-no-new-access'] as const) {
    if (values[name] === '') throw new UsageError(`--${name} takes ${OPTION_VALUES[name]}; got an empty value`);
  }
  return {
    format: oneOf('format', values.format, FORMATS, 'text'),
    output: values.output ?? null,
    failOn: oneOf('fail-on', values['fail-on'], FAIL_ON, 'error'),
    config: values.config ?? null,
    baseline: values.baseline ?? null,
    accessAnalyzer: values['access-analyzer'] ?? false,
    checkNoNewAccess: values['check-no-new-access'] ?? null,
    debug: values.debug ?? false,
    version: values.version ?? false,
    help: values.help ?? false,
    paths: positionals,
  };
}

const LONG_OPTIONS = ['--format', '--output', '--fail-on', '--config', '--baseline', '--access-analyzer', '--check-no-new-access', '--debug', '--version', '--help'];

/** node:util's parse errors, reworded to say what the option takes. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-{1,2}[^' =]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = closest(option, LONG_OPTIONS);
    const meant = near !== null && editDistance(option.toLowerCase(), near) <= 2 ? `; did you mean ${near}? Options are` : '; options are';
    return `unknown option ${option}${meant} ${LONG_OPTIONS.join(', ')}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const long = /--([a-z][a-z-]*)/.exec(message)?.[1] ?? option;
    const takes = OPTION_VALUES[long];
    return takes === undefined ? `--${long} takes no value` : `--${long} takes ${takes}; none was given`;
  }
  return message;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let debug = argv.includes('--debug');
  // One line per note, whatever the names in it hold: see visible-text.ts.
  const note = (line: string) => io.stderr.write(`${visible(line)}\n`);
  try {
    const options = parseCli(argv);
    debug = options.debug;
    if (options.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (options.version) {
      io.stdout.write(`${TOOL_NAME} ${TOOL_VERSION}\nAWS catalog data: ${loadAwsCatalog().dataVersion()}\n`);
      return 0;
    }
    if (options.paths.length === 0) throw new UsageError('give at least one PATH (a file, or a folder to search), e.g. iam-policy-lint cdktf.out policies');

    if (options.output !== null) checkOutputFile(options.output, options.paths, { '--config': options.config, '--baseline': options.baseline, '--check-no-new-access': options.checkNoNewAccess });
    const config = resolveConfig(options.config, undefined, io.cwd, io.env);
    if (debug) note(configDebugLine(options.config, io.cwd, io.env));
    // Read before linting and before any request: a bad baseline or reference is a usage error.
    const baseline = options.baseline === null ? null : { file: options.baseline, findings: readBaseline(options.baseline) };
    const reference = options.checkNoNewAccess === null ? null : loadReferencePolicy(options.checkNoNewAccess);
    let result = await lint(options.paths, { config });
    let analyzerRules: RuleMeta[] = [];
    if (options.accessAnalyzer || reference !== null) {
      // Required only when asked: offline runs never load the AWS SDK.
      // tsx's loader too: it costs ~70 ms at start-up, and only this branch needs it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, as analyze-run's below
      const { require: tsxRequire } = require('tsx/cjs/api') as typeof import('tsx/cjs/api');
      const { analyzeRun } = tsxRequire('./access-analyzer/analyze-run', __filename) as AnalyzeRunModule;
      const analyzed = await analyzeRun(result, result.inventory.policies, { validate: options.accessAnalyzer, reference, config });
      result = analyzed.result;
      analyzerRules = analyzed.rules;
    }
    if (baseline !== null) {
      const applied = applyBaseline(result, baseline.findings, io.cwd);
      for (const line of baselineNotes(baseline.file, applied.baseline, applied.findings.length)) note(line);
      result = applied;
    }
    for (const line of uncheckedLines(result.inventory.policies, debug)) note(line);
    for (const e of result.inputErrors) note(formatInputError(e));
    if (result.inputErrors.length > 0) {
      const n = result.inputErrors.length;
      const read = result.summary.filesRead;
      io.stderr.write(`${TOOL_NAME}: ${n} input error${n === 1 ? '' : 's'} (above); the report covers the ${read} file${read === 1 ? '' : 's'} read\n`);
    }
    if (debug) {
      for (const s of result.skipped) note(`skipped ${s.file}: ${s.reason}`);
      io.stderr.write(`${debugTimings(result)}\n`);
    }
    for (const s of result.unusedSuppressions) {
      note(`note: a suppression in ${s.source} (rule ${s.rule}, ${s.file ?? s.resource}) matched no finding; remove it if it is stale`);
    }
    for (const line of presetMappingNotes(config, result.inventory.principals)) note(line);

    const color = options.format === 'text' && options.output === null && io.isTTY && !io.env.NO_COLOR;
    const report = formatReport(
      options.format,
      { ...result, rules: [...rules.map((r) => r.meta), ...analyzerRules], toolVersion: TOOL_VERSION, catalogDataVersion: result.catalogDataVersion },
      { color, env: io.env, cwd: io.cwd },
    );
    if (options.output === null) io.stdout.write(report);
    else writeOutputFile(options.output, report);
    // Unreadable input outranks findings: the report covers only the files that could be read.
    return result.inputErrors.length > 0 ? EXIT_USAGE : exitCode(result.findings, options.failOn);
  } catch (error) {
    return fail(error, io, debug);
  }
}

function debugTimings(result: LintRunResult): string {
  const timings = Object.entries(result.ruleTimings ?? {}).sort((a, b) => b[1] - a[1]);
  const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
  // Every rule, slowest first: the first rule that asks the catalog also pays for shared analysis.
  const each = timings.map(([id, ms]) => `${id} ${ms.toFixed(0)}`).join(', ');
  return (
    `read ${result.summary.filesRead} files in ${result.readTime.toFixed(0)} ms; ` +
    `${timings.length} rules in ${total.toFixed(0)} ms (${each} ms); ` +
    `AWS catalog ${result.catalogDataVersion === null ? 'not loaded' : 'loaded'}`
  );
}

function fail(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof UsageError) {
    io.stderr.write(`${TOOL_NAME}: ${visible(error.message)}\nRun ${TOOL_NAME} --help for usage.\n`);
  } else if (error instanceof ConfigError || error instanceof BaselineError || error instanceof OutputFileError || error instanceof ReferencePolicyError) {
    io.stderr.write(`${TOOL_NAME}: ${visible(error.message)}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`${TOOL_NAME}: internal error: ${visible(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
  }
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT_USAGE;
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}
