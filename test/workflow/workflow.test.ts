/**
 * The GitHub workflow is code that only runs on GitHub: these tests check what can be checked
 * here, that it is valid YAML, that the commands it runs exist in this repository, that the
 * options it passes are the linter's, and that the upload step reads the file the lint writes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCli } from '../../lint/cli';
import { LINT_POLICIES_OPTIONS, LINTED_PATHS } from '../../lint/lint-policies';

const ROOT = join(__dirname, '..', '..');
const WORKFLOW = join(ROOT, '.github', 'workflows', 'iam-policy-lint.yml');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  'continue-on-error'?: boolean;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

function loadWorkflow(): Workflow {
  return parse(readFileSync(WORKFLOW, 'utf8'), { strict: true, uniqueKeys: true }) as Workflow;
}

/** Parsed once, so steps compare by identity. */
const parsed = loadWorkflow();

function steps(): Step[] {
  const jobs = Object.values(parsed.jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0]!.steps;
}

/** Shell words of the `npm run` line in a step's script: the one command the lint step exists for. */
function npmRunWords(run: string): string[] {
  const line = run.split('\n').find((l) => /^\s*npm run /.test(l));
  expect(line, 'the lint step runs an npm script').toBeDefined();
  return line!.trim().split(/\s+/);
}

function lintStep(): Step {
  const step = steps().find((s) => s.run !== undefined && /npm run lint-policies/.test(s.run));
  expect(step, 'a step runs npm run lint-policies').toBeDefined();
  return step!;
}

/** The arguments after `--`: what npm passes on to lint-policies. */
function passedArguments(words: string[]): string[] {
  const separator = words.indexOf('--');
  expect(separator, 'arguments reach the script after --').toBeGreaterThan(0);
  return words.slice(separator + 1);
}

/** The linter's view of the arguments, through its own parser: lint-policies passes them on, less its own. */
function lintOptions(words: string[]) {
  const forLinter = passedArguments(words).filter((a) => !LINT_POLICIES_OPTIONS.includes(a));
  return parseCli([...forLinter, ...LINTED_PATHS]);
}

describe('.github/workflows/iam-policy-lint.yml', () => {
  it('runs on pull requests and on pushes to main (the base code scanning compares with), with read access to the code and write access to code scanning only', () => {
    const workflow = parsed;
    expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
  });

  it('pins every action to a commit, with the release in a comment, and keeps the token out of the checkout', () => {
    const uses = readFileSync(WORKFLOW, 'utf8').split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    expect(uses.length).toBe(steps().filter((s) => s.uses !== undefined).length);
    for (const line of uses) expect(line, 'pinned: owner/repo@<40 hex> # vX.Y.Z').toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    const checkout = steps().find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['persist-credentials']).toBe(false);
  });

  it('caches the npm download between runs', () => {
    expect(steps().find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.cache).toBe('npm');
  });

  it('runs the very command README.md documents for GitHub Actions', () => {
    const command = lintStep().run!.split('\n').map((l) => l.trim()).find((l) => l.startsWith('npm run lint-policies'));
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`${command}\``);
  });

  it('checks out, sets up Node 20 and Terraform and installs with npm ci before linting', () => {
    const all = steps();
    const index = (match: (s: Step) => boolean) => all.findIndex(match);
    const checkout = index((s) => s.uses?.startsWith('actions/checkout@') === true);
    const node = index((s) => s.uses?.startsWith('actions/setup-node@') === true);
    const install = index((s) => s.run?.trim() === 'npm ci');
    const lint = all.indexOf(lintStep());
    expect(checkout).toBe(0);
    expect(all[node]!.with?.['node-version']).toBe(20);
    expect([checkout, node, install, lint]).toEqual([...[checkout, node, install, lint]].sort((a, b) => a - b));
    expect(install).toBeGreaterThan(node);

    // cdktf synth runs `terraform version` (the stacks declare moved blocks): Terraform must be set up first.
    const terraform = index((s) => s.uses?.startsWith('hashicorp/setup-terraform@') === true);
    expect(terraform).toBeGreaterThan(checkout);
    expect(terraform).toBeLessThan(lint);
    expect(all[terraform]!.with?.terraform_wrapper).toBe(false);

    const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines;
    expect(engines.node, 'the Node the workflow uses satisfies package.json engines').toMatch(/^>=20(\.|$)/);
  });

  it('runs an npm script that exists, whose program exists, with options the linter accepts', () => {
    const words = npmRunWords(lintStep().run!);
    const script = words[2]!;
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts[script], `package.json has a "${script}" script`).toBeDefined();
    const program = /^tsx\s+(\S+)/.exec(scripts[script]!)?.[1];
    expect(program, `the "${script}" script runs a TypeScript file`).toBeDefined();
    expect(existsSync(join(ROOT, program!)), `${program} exists`).toBe(true);

    const options = lintOptions(words);
    expect(options.format).toBe('sarif');
    expect(options.output).toEqual(expect.any(String));
    expect(options.paths).toEqual(LINTED_PATHS);
  });

  it('uploads the file the lint writes, even when the lint failed', () => {
    const lint = lintStep();
    const output = lintOptions(npmRunWords(lint.run!)).output;
    const upload = steps().find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe(output);
    expect(upload?.if).toMatch(/^always\(\)/);
    expect(upload?.if).toContain(`hashFiles('${output}')`);
    // Uploads on pushes and on pull requests from the repository itself; a fork's token cannot write.
    expect(upload?.if).toContain("(github.event_name == 'push' || github.event.pull_request.head.repo.full_name == github.repository)");
    expect(steps().indexOf(upload!)).toBeGreaterThan(steps().indexOf(lint));
  });

  it('keeps the lint exit status and fails the job with it after the upload', () => {
    const lint = lintStep();
    expect(lint.id).toBeDefined();
    const script = lint.run!.split('\n').map((l) => l.trim()).filter(Boolean);
    // The status must be recorded, so the lint line must not end the step under `bash -e`.
    expect(script[0]).toBe('set +e');
    expect(script.at(-1)).toBe('echo "status=$?" >> "$GITHUB_OUTPUT"');
    expect(script.at(-2)).toMatch(/^npm run lint-policies /);

    const all = steps();
    const last = all.at(-1)!;
    expect(last.if).toBe(`steps.${lint.id}.outputs.status != '0'`);
    expect(last.run).toContain(`exit \${{ steps.${lint.id}.outputs.status }}`);
  });
});

describe('the lint command of the workflow, run here', () => {
  it('writes the SARIF file the upload step reads, with an exit status of the contract', () => {
    const words = npmRunWords(lintStep().run!);
    const forLinter = passedArguments(words).filter((a) => !LINT_POLICIES_OPTIONS.includes(a));
    const cwd = mkdtempSync(join(tmpdir(), 'workflow-'));
    const run = spawnSync(process.execPath, [join(ROOT, 'lint', 'bin.cjs'), ...forLinter, join(ROOT, 'policies')], { cwd, encoding: 'utf8' });
    expect([0, 1], run.stderr).toContain(run.status);

    const upload = steps().find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    const sarif = JSON.parse(readFileSync(join(cwd, String(upload!.with!.sarif_file)), 'utf8')) as { version: string; runs: Array<{ tool: { driver: { name: string } } }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver.name).toBe('iam-policy-lint');
  });
});
