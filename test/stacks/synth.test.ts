import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_NAMES, defaultConfig, parseConfig } from '../../config';
import { TUTORIALS } from '../../stacks';
import { runOk, terraformEnv } from '../support/terraform';
import { requireTool } from '../support/tools';
import { allStrings, stackDir, synthApp, type StackJson } from './synth-app';

const PROJECT = resolve(__dirname, '../..');

/** Strings that name a folder on this machine: the project, home, temp, or any absolute path that exists. */
function machinePaths(stack: StackJson): string[] {
  const roots = [PROJECT, homedir(), tmpdir()];
  // IAM paths ("/", "/ci/") and cdktf's "//" comment keys are absolute-looking but name no folder.
  return allStrings(stack).filter((s) => roots.some((root) => s.includes(root)) || (isAbsolute(s) && s.replace(/\/+/g, '/') !== '/' && existsSync(s)));
}

describe('the five tutorial stacks', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'iam-users-synth-'));
  let stacks: Record<string, StackJson>;

  beforeAll(() => {
    stacks = synthApp(defaultConfig(), outdir);
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes one stack per tutorial', () => {
    expect(Object.keys(stacks).sort()).toEqual([...STACK_NAMES].sort());
  });

  describe.each([...STACK_NAMES])('%s', (name) => {
    it("makes the tutorial's user with its preset, a group, and an access key", () => {
      const stack = stacks[name];
      const users = Object.values(stack.resource.aws_iam_user);
      expect(users.map((u) => u.name)).toEqual([TUTORIALS[name].userName]);
      expect(users[0].tags).toMatchObject({ 'iam-preset': name, tutorial: TUTORIALS[name].seed });
      expect(Object.keys(stack.resource.aws_iam_group ?? {})).toHaveLength(1);
      expect(Object.keys(stack.resource.aws_iam_access_key ?? {})).toHaveLength(1);
      expect(Object.keys(stack.resource.aws_iam_user_login_profile ?? {})).toHaveLength(name === 'invoice-scanner' ? 1 : 0);
      // The preset's grant, and the permissions boundary of the roles its user creates (attached to nobody).
      const policies = Object.values(stack.resource.aws_iam_policy).filter((p) => p.name !== `${name}-role-boundary`);
      expect(Object.values(stack.resource.aws_iam_policy).map((p) => p.name)).toContain(`${name}-role-boundary`);
      expect(policies.length).toBeGreaterThan(0);
      for (const policy of policies) expect(String(policy.name)).toMatch(new RegExp(`^${TUTORIALS[name].userName}-${name}(-\\d+)?$`));
    });

    it('attaches only its own policies, so no AdministratorAccess', () => {
      const stack = stacks[name];
      const attachments = Object.values({ ...stack.resource.aws_iam_group_policy_attachment, ...stack.resource.aws_iam_user_policy_attachment });
      // Every policy but the role boundary, which bounds the roles the user creates and is attached to nobody.
      expect(attachments.length).toBe(Object.keys(stack.resource.aws_iam_policy).length - 1);
      for (const attachment of attachments) expect(attachment.policy_arn).toMatch(/^\$\{aws_iam_policy\.[\w-]+\.arn\}$/);
      const boundaryKey = Object.entries(stack.resource.aws_iam_policy).find(([, p]) => p.name === `${name}-role-boundary`)?.[0];
      expect(attachments.map((a) => a.policy_arn)).not.toContain(`\${aws_iam_policy.${boundaryKey}.arn}`);
      const text = JSON.stringify(stack);
      expect(text).not.toContain('AdministratorAccess');
      expect(text).not.toContain('123456789012');
    });

    it('keeps state at a relative path and names no folder of this machine', () => {
      const backend = stacks[name].terraform.backend;
      expect(backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
      expect(machinePaths(stacks[name])).toEqual([]);
    });
  });

  it('the invoice scanner user signs in with a generated password it must change', () => {
    const profiles = Object.values(stacks['invoice-scanner'].resource.aws_iam_user_login_profile);
    expect(profiles[0].password_reset_required).toBe(true);
    expect(JSON.stringify(profiles[0])).not.toContain('Admin@123');
  });

  it('passes terraform validate, every stack', { timeout: 300_000 }, async () => {
    if (!requireTool('terraform')) return;
    const env = terraformEnv();
    // One init for all: the stacks use the same provider, so each is validated in the same directory.
    const cwd = mkdtempSync(join(tmpdir(), 'iam-users-validate-'));
    copyFileSync(join(stackDir(outdir, STACK_NAMES[0]), 'cdk.tf.json'), join(cwd, 'cdk.tf.json'));
    await runOk('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd, env });
    for (const name of STACK_NAMES) {
      copyFileSync(join(stackDir(outdir, name), 'cdk.tf.json'), join(cwd, 'cdk.tf.json'));
      const report = JSON.parse((await runOk('terraform', ['validate', '-json', '-no-color'], { cwd, env })).stdout) as { valid: boolean; diagnostics: { summary: string }[] };
      expect(report.diagnostics.map((d) => d.summary), name).toEqual([]);
      expect(report.valid, name).toBe(true);
    }
    rmSync(cwd, { recursive: true, force: true });
  });
});

describe('config applied to the stacks', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'iam-users-synth-config-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes only the chosen stacks, with the S3 backend, names, key store and PGP key it sets', () => {
    const config = parseConfig(
      {
        region: 'eu-west-1',
        stacks: ['invoice-scanner', 'sst-deployer'],
        users: { 'sst-deployer': { userName: 'notes-deployer' } },
        accessKey: { pgpKey: 'keybase:platform-team' },
        backend: { type: 's3', bucket: 'team-state', key: 'iam/{stack}.tfstate' },
      },
      'test config',
    );
    const stacks = synthApp(config, outdir);
    expect(Object.keys(stacks).sort()).toEqual(['invoice-scanner', 'sst-deployer']);
    expect(stacks['sst-deployer'].terraform.backend).toEqual({
      s3: { bucket: 'team-state', key: 'iam/sst-deployer.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true },
    });
    expect(Object.values(stacks['sst-deployer'].resource.aws_iam_user)[0].name).toBe('notes-deployer');
    const provider = (stacks['sst-deployer'].provider as { aws: { region: string }[] }).aws[0];
    expect(provider.region).toBe('eu-west-1');
    expect(Object.values(stacks['invoice-scanner'].resource.aws_iam_access_key)[0].pgp_key).toBe('keybase:platform-team');
    expect(Object.values(stacks['invoice-scanner'].resource.aws_iam_user_login_profile)[0].pgp_key).toBe('keybase:platform-team');
    expect(Object.keys(stacks['invoice-scanner'].output)).toContain('user_access_key_encrypted_secret');
  });

  it('stores the keys where accessKey.secret says', () => {
    const config = parseConfig({ stacks: ['eks-eksctl'], accessKey: { secret: { store: 'secretsmanager', recoveryWindowInDays: 7 } } }, 'test config');
    const stack = synthApp(config, join(outdir, 'secretsmanager'))['eks-eksctl'];
    expect(Object.values(stack.resource.aws_secretsmanager_secret)[0]).toMatchObject({ name: 'iam-user/humalect-user/access-key', recovery_window_in_days: 7 });
    expect(Object.keys(stack.output)).not.toContain('user_access_key_secret');
  });

  it('gives each stack its own key-store name from {stack}', () => {
    const config = parseConfig({ stacks: ['eks-eksctl', 'sst-deployer'], accessKey: { secret: { store: 'ssm', parameterName: '/ci/{stack}/key' } } }, 'test config');
    const stacks = synthApp(config, join(outdir, 'ssm-per-stack'));
    expect(Object.values(stacks['eks-eksctl'].resource.aws_ssm_parameter)[0]).toMatchObject({ name: '/ci/eks-eksctl/key' });
    expect(Object.values(stacks['sst-deployer'].resource.aws_ssm_parameter)[0]).toMatchObject({ name: '/ci/sst-deployer/key' });
  });
});
