import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LeastPrivilegeUser } from '../modules';
import { PolicyLintAspect } from './aspect/policy-lint-aspect';
import { suppressLint } from './aspect/suppress-lint';
import { CONFIG_FILE_VARIABLE } from './config/load-config';
import {
  configProblem,
  lintConfigFile,
  lintConfigNote,
  lintPolicies,
  SYNTH_STAMP,
  synthEnvironment,
  synthIsStale,
  takeConfigOption,
  withConstructSuppressions,
} from './lint-policies';

/** A project folder (a repository root) whose files carry the given ages in seconds. */
function project(ages: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'lint-policies-'));
  // The search for a lint config stops here, whatever lies above the temporary folder.
  mkdirSync(join(root, '.git'));
  const now = Date.now() / 1000;
  for (const [file, age] of Object.entries(ages)) {
    const path = join(root, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '{}');
    utimesSync(path, now - age, now - age);
  }
  return root;
}

describe('synthIsStale', () => {
  it('is stale when cdktf.out has not been written', () => {
    expect(synthIsStale(project({ 'main.ts': 10 }))).toBe(true);
  });

  it('is fresh when cdktf.out is newer than every source', () => {
    const root = project({ 'main.ts': 100, 'modules/user.ts': 90, 'policies/a.json': 80, 'cdktf.out/manifest.json': 10 });
    expect(synthIsStale(root)).toBe(false);
  });

  it('is stale when main.ts, a module or a preset changed after the synth', () => {
    for (const changed of ['main.ts', 'modules/user.ts', 'policies/a.json', 'cdktf.json']) {
      const root = project({ 'main.ts': 100, 'modules/user.ts': 100, 'policies/a.json': 100, 'cdktf.json': 100, 'cdktf.out/manifest.json': 50, [changed]: 5 });
      expect(synthIsStale(root), changed).toBe(true);
    }
  });

  it('is stale when the IAM_USERS_CONFIG file changed after the synth, or names another file than that synth used', () => {
    const root = project({ 'main.ts': 100, 'users.json': 100, 'prod.json': 100, 'cdktf.out/manifest.json': 50 });
    const stamp = (usersConfig: string | null) => {
      mkdirSync(join(root, SYNTH_STAMP, '..'), { recursive: true });
      writeFileSync(join(root, SYNTH_STAMP), JSON.stringify({ usersConfig }));
    };
    stamp('users.json');
    expect(synthIsStale(root, { IAM_USERS_CONFIG: 'users.json' })).toBe(false);
    expect(synthIsStale(root, { IAM_USERS_CONFIG: 'prod.json' }), 'another file').toBe(true);
    expect(synthIsStale(root, {}), 'no file now').toBe(true);
    const now = Date.now() / 1000;
    utimesSync(join(root, 'users.json'), now, now);
    expect(synthIsStale(root, { IAM_USERS_CONFIG: 'users.json' }), 'file edited').toBe(true);
    stamp(null);
    expect(synthIsStale(root, {})).toBe(false);
  });

  it('ignores test files, which do not change what is synthesized', () => {
    const root = project({ 'main.ts': 100, 'modules/user.test.ts': 5, 'cdktf.out/manifest.json': 50 });
    expect(synthIsStale(root)).toBe(false);
  });
});

describe('the lint config of a run', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is --config (relative to the project root), else the file IAM_POLICY_LINT_CONFIG names, else the nearest .iam-policy-lint.json', () => {
    const root = project({ 'ci.json': 1, '.iam-policy-lint.json': 1, 'stacks/x.ts': 1 });
    expect(lintConfigFile('ci.json', root, { [CONFIG_FILE_VARIABLE]: '/elsewhere.json' })).toBe(join(root, 'ci.json'));
    expect(lintConfigFile(undefined, root, { [CONFIG_FILE_VARIABLE]: 'ci.json' })).toBe(join(root, 'ci.json'));
    expect(lintConfigFile(undefined, root, {})).toBe(join(root, '.iam-policy-lint.json'));
    expect(lintConfigFile(undefined, project({ 'main.ts': 1 }), {})).toBeNull();
    // `--config` without a file: the linter says what it takes; the guard gets no file.
    expect(lintConfigFile('', root, {})).toBeNull();
  });

  it('is the one the synth guard reads: lint-policies hands it over in the synth environment', () => {
    const root = project({});
    const write = (file: string, config: unknown) => writeFileSync(join(root, file), JSON.stringify(config));
    write('plain.json', {});
    write('ci.json', { rules: { 'admin-access': 'off' } });
    write('typo.json', { presets: { deployer: 'eks-eksctll' } });
    // What `cdktf synth` under lint-policies runs: the guard with the environment lint-policies gives it.
    const guardAnnotations = (given: string) => {
      for (const [name, value] of Object.entries(synthEnvironment(lintConfigFile(given, root, {}), {}))) vi.stubEnv(name, value);
      const stack = new TerraformStack(Testing.app(), 'deploy');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const user = new LeastPrivilegeUser(stack, 'user', { userName: 'deployer', accessKey: false });
      new IamGroupPolicyAttachment(user, 'admin', { group: user.groupName!, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
      new PolicyLintAspect().visit(stack);
      return stack.node.findAll().flatMap((c) => c.node.metadata.map((m) => `${m.type} ${String(m.data)}`));
    };
    expect(guardAnnotations('plain.json')).toContainEqual(expect.stringMatching(/^@cdktf\/warn admin-access: .*reported as a warning as IAM_POLICY_LINT_GUARD=report/));
    expect(guardAnnotations('ci.json').filter((a) => a.includes('admin-access'))).toEqual([]);
    expect(guardAnnotations('typo.json')).toContainEqual(
      expect.stringMatching(new RegExp(`^@cdktf/error iam-policy-lint: ${join(root, 'typo.json')}: presets\\["deployer"\\]: unknown preset "eks-eksctll"; did you mean "eks-eksctl"\\?.*\\(the file ${CONFIG_FILE_VARIABLE} names\\)$`)),
    );
  });

  it('leaves the guard no file to read when the run has none', () => {
    expect(synthEnvironment(null, { [CONFIG_FILE_VARIABLE]: '', PATH: '/bin' })).toEqual({ CHECKPOINT_DISABLE: '1', PATH: '/bin', IAM_POLICY_LINT_GUARD: 'report' });
  });

  it('makes cdktf.out stale when it was built with another lint config, or the config changed after the synth', () => {
    const root = project({ 'main.ts': 100, 'ci.json': 100, 'other.json': 100, '.iam-policy-lint.json': 100, 'cdktf.out/manifest.json': 50 });
    mkdirSync(join(root, SYNTH_STAMP, '..'), { recursive: true });
    writeFileSync(join(root, SYNTH_STAMP), JSON.stringify({ usersConfig: null, lintConfig: join(root, 'ci.json') }));
    const stale = (given: string | undefined, env: NodeJS.ProcessEnv = {}) => synthIsStale(root, env, lintConfigFile(given, root, env));
    expect(stale('ci.json')).toBe(false);
    expect(stale(undefined, { [CONFIG_FILE_VARIABLE]: 'ci.json' })).toBe(false);
    expect(synthIsStale(root, { [CONFIG_FILE_VARIABLE]: 'ci.json' }), 'found the way the CLI finds it').toBe(false);
    expect(stale('other.json'), 'another file').toBe(true);
    expect(stale(undefined), '.iam-policy-lint.json now').toBe(true);
    const now = Date.now() / 1000;
    utimesSync(join(root, 'ci.json'), now, now);
    expect(stale('ci.json'), 'edited after the synth').toBe(true);
  });

  it('is named when the synth runs, for both the guard and the linter', () => {
    const root = project({});
    expect(lintConfigNote(join(root, 'ci.json'), root)).toBe('the synth guard and the linter both read the config ci.json');
    expect(lintConfigNote('/shared/iam-policy-lint.json', root)).toBe('the synth guard and the linter both read the config /shared/iam-policy-lint.json');
    expect(lintConfigNote(null, root)).toBe(
      `the synth guard and the linter both run without a config (no --config, no ${CONFIG_FILE_VARIABLE}, no .iam-policy-lint.json up to the repository root)`,
    );
  });
});

interface JsonReport {
  findings: Array<{ ruleId: string; file: string; resource: string | null }>;
  suppressed: Array<{ ruleId: string; reason: string }>;
}

/** A project (in `under`, else a temporary folder) whose cdktf.out holds one stack granting AdministratorAccess, suppressed or not. */
function synthesizedProject(suppressed: boolean, under: string = tmpdir()): string {
  const root = mkdtempSync(join(under, 'lint-policies-run-'));
  const stack = new TerraformStack(Testing.app(), 'deploy');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const reader = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::invoices/*' }] };
  const user = new LeastPrivilegeUser(stack, 'user', { userName: 'deployer', policies: { reader }, accessKey: false });
  new IamGroupPolicyAttachment(user, 'admin', { group: user.groupName!, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
  if (suppressed) suppressLint(user, [{ ruleId: 'admin-access', reason: 'break-glass user, ticket SEC-123' }]);
  // What `cdktf synth` does under lint-policies: the guard in report mode, which records suppressions.
  new PolicyLintAspect({ mode: 'report' }).visit(stack);
  mkdirSync(join(root, 'cdktf.out', 'stacks', 'deploy'), { recursive: true });
  writeFileSync(join(root, 'cdktf.out', 'stacks', 'deploy', 'cdk.tf.json'), JSON.stringify(stack.toTerraform(), null, 2));
  mkdirSync(join(root, 'policies'));
  writeFileSync(join(root, 'policies', 'reader.json'), JSON.stringify(reader));
  return root;
}

function run(root: string, extra: string[] = []): { status: number; report: JsonReport } {
  const output = join(root, 'report.json');
  const status = lintPolicies(['--no-synth', '--format', 'json', '--output', output, ...extra], root);
  return { status, report: status === 2 ? { findings: [], suppressed: [] } : (JSON.parse(readFileSync(output, 'utf8')) as JsonReport) };
}

describe('lintPolicies', () => {
  it('lints cdktf.out and policies/ and exits 1 on an AdministratorAccess grant', () => {
    const { status, report } = run(synthesizedProject(false));
    expect(status).toBe(1);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'admin-access', file: 'cdktf.out/stacks/deploy/cdk.tf.json', resource: expect.stringMatching(/^aws_iam_group_policy_attachment\./) }),
    );
  });

  it('reports a construct suppression as suppressed, with its reason, and exits 0', () => {
    const root = synthesizedProject(true);
    writeFileSync(join(root, 'own-config.json'), JSON.stringify({ rules: { 'user-attached-policy': 'off' } }));
    const { status, report } = run(root, ['--config', 'own-config.json']);
    expect(report.findings.filter((f) => f.ruleId === 'admin-access')).toEqual([]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'admin-access', reason: 'break-glass user, ticket SEC-123 (suppressLint on deploy/user)' }),
    ]);
    expect(status).toBe(0);
  });

  it('keeps the file globs of a config found above the project, merged with the construct suppressions', () => {
    const repo = mkdtempSync(join(tmpdir(), 'lint-policies-repo-'));
    mkdirSync(join(repo, '.git'));
    const root = synthesizedProject(true, repo);
    writeFileSync(join(root, 'policies', 'buckets.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }));
    const glob = `${basename(root)}/policies/buckets.json`;
    writeFileSync(join(repo, '.iam-policy-lint.json'), JSON.stringify({ suppressions: [{ rule: '*', file: glob, reason: 'bucket admin, SEC-7' }] }));
    const { status, report } = run(root);
    expect(report.findings).toEqual([]);
    expect(new Set(report.suppressed.map((f) => `${f.ruleId === 'admin-access' ? f.ruleId : 'buckets.json'}: ${f.reason}`))).toEqual(
      new Set(['admin-access: break-glass user, ticket SEC-123 (suppressLint on deploy/user)', 'buckets.json: bucket admin, SEC-7']),
    );
    expect(report.suppressed.filter((f) => f.ruleId === 'full-service-access')).toHaveLength(1);
    expect(status).toBe(0);
  });

  it('names the user\'s config, not the merged copy, in the linter\'s notes', () => {
    const root = synthesizedProject(true);
    writeFileSync(join(root, 'own-config.json'), JSON.stringify({ suppressions: [{ rule: 'policy-size', file: 'legacy/**', reason: 'split tracked in #42' }] }));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(run(root, ['--config', 'own-config.json']).status).toBe(0);
      const written = stderr.mock.calls.map(([text]) => String(text)).join('');
      expect(written).toBe('note: a suppression in own-config.json (rule policy-size, legacy/**) matched no finding; remove it if it is stale\n');
    } finally {
      stderr.mockRestore();
    }
  });

  it('prints help or the version without synthesizing first', () => {
    // No cdktf.out and no app here: a synth would fail, and lint-policies would exit 2.
    const root = mkdtempSync(join(tmpdir(), 'lint-policies-help-'));
    for (const option of ['--help', '--version']) expect(lintPolicies([option], root), option).toBe(0);
    expect(existsSync(join(root, 'cdktf.out'))).toBe(false);
  });

  it('exits 2 on a lint config the synth guard could not use, naming the file and the key, before any synth', () => {
    // A stale cdktf.out, and no app to synthesize: had the synth run, it would have failed otherwise.
    const root = project({ 'main.ts': 1 });
    writeFileSync(join(root, 'typo.json'), JSON.stringify({ presets: { deployer: 'eks-eksctll' } }));
    expect(configProblem(join(root, 'typo.json'))).toMatch(new RegExp(`^${join(root, 'typo.json')}: presets\\["deployer"\\]: unknown preset "eks-eksctll"; did you mean "eks-eksctl"\\?`));
    expect(configProblem(null)).toBeNull();
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(lintPolicies(['--config', 'typo.json'], root)).toBe(2);
      const written = stderr.mock.calls.map(([text]) => String(text)).join('');
      expect(written).toBe(`lint-policies: ${configProblem(join(root, 'typo.json'))}\n`);
    } finally {
      stderr.mockRestore();
    }
  });

  it('exits 2 when there is nothing synthesized to lint', () => {
    const root = mkdtempSync(join(tmpdir(), 'lint-policies-empty-'));
    mkdirSync(join(root, 'policies'));
    expect(run(root).status).toBe(2);
  });
});

describe('withConstructSuppressions', () => {
  it('passes suppressions of access-analyzer/... findings only when an option reports such findings', () => {
    const root = mkdtempSync(join(tmpdir(), 'lint-policies-aa-'));
    const stack = new TerraformStack(Testing.app(), 'deploy');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const user = new LeastPrivilegeUser(stack, 'user', { userName: 'deployer', accessKey: false });
    suppressLint(user, [{ ruleId: 'access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE', reason: 'reviewed with security, SEC-9' }]);
    new PolicyLintAspect({ mode: 'report' }).visit(stack);
    mkdirSync(join(root, 'cdktf.out', 'stacks', 'deploy'), { recursive: true });
    writeFileSync(join(root, 'cdktf.out', 'stacks', 'deploy', 'cdk.tf.json'), JSON.stringify(stack.toTerraform()));

    const rulesPassed = (argv: string[]) => {
      const merged = withConstructSuppressions(argv, root);
      const { given } = takeConfigOption(merged.argv);
      const rules = given === undefined ? [] : (JSON.parse(readFileSync(given, 'utf8')) as { suppressions: { rule: string }[] }).suppressions.map((x) => x.rule);
      merged.cleanUp();
      return new Set(rules);
    };
    expect(rulesPassed(['--format', 'json'])).toEqual(new Set());
    expect(rulesPassed(['--access-analyzer'])).toEqual(new Set(['access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE']));
    expect(rulesPassed(['--check-no-new-access=main'])).toEqual(new Set(['access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE']));
  });
});

describe('takeConfigOption', () => {
  it('finds the config in each spelling the linter accepts and keeps the other arguments in order', () => {
    for (const argv of [['--config', 'c.json'], ['-c', 'c.json'], ['--config=c.json'], ['-cc.json']]) {
      expect(takeConfigOption(['--format', 'json', ...argv, '--fail-on', 'warning'])).toEqual({ given: 'c.json', rest: ['--format', 'json', '--fail-on', 'warning'] });
    }
    expect(takeConfigOption(['--format', 'json'])).toEqual({ given: undefined, rest: ['--format', 'json'] });
    expect(takeConfigOption(['--config'])).toEqual({ given: '', rest: [] });
  });
});
