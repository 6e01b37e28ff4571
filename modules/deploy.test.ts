/**
 * Deploy against moto_server with plain terraform on the synthesized stack (the cdktf CLI adds
 * nothing here but start-up time), then read everything back through the IAM API.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import {
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  type AccessKeyMetadata,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeastPrivilegeUser } from '.';
import { fixturePresets, functionsPresets, relativeStateStack } from '../test/fixtures/modules/stack';
import { MOTO_ACCOUNT_ID, startMoto, type Moto } from '../test/support/moto';
import { run, runOk, terraformEnv } from '../test/support/terraform';
import { requireTool } from '../test/support/tools';

const USER = 'deployer';


const haveTools = requireTool('terraform') && requireTool('moto_server');

describe.runIf(haveTools)('LeastPrivilegeUser deployed to moto_server', () => {
  let moto: Moto;
  let iam: IAMClient;
  let workdir: string;
  let env: NodeJS.ProcessEnv;
  const timings: Record<string, number> = {};

  /** Synthesize the stack at `serial` into the work dir (the state stays there: relative backend path). */
  function synthAt(serial: number): void {
    const started = performance.now();
    const stack = relativeStateStack(
      Testing.app(),
      {
        userName: USER,
        tags: { team: 'platform' },
        presetSource: fixturePresets,
        presets: ['self-service', 'bucket-reader'],
        managedPolicies: ['ReadOnlyAccess'],
        accessKey: { serial },
        consoleAccess: {},
      },
      'deploy',
    );
    // Two more users for the other secret stores and for attachment to the user; their serial stays 0.
    new LeastPrivilegeUser(stack, 'in-ssm', { userName: 'in-ssm', attachTo: 'user', presetSource: fixturePresets, presets: ['self-service'], accessKey: { secret: { store: 'ssm' } } });
    new LeastPrivilegeUser(stack, 'in-sm', { userName: 'in-sm', accessKey: { secret: { store: 'secretsmanager', recoveryWindowInDays: 0 } } });
    new LeastPrivilegeUser(stack, 'fn', { userName: 'fn-deployer', presetSource: functionsPresets, presets: ['functions'], accessKey: false });
    const out = Testing.fullSynth(stack);
    timings[`synth serial ${serial} (ms)`] = Math.round(performance.now() - started);
    copyFileSync(join(out, 'stacks', 'deploy', 'cdk.tf.json'), join(workdir, 'cdk.tf.json'));
    rmSync(out, { recursive: true, force: true });
  }

  const terraform = (...args: string[]) => runOk('terraform', [...args, '-no-color'], { cwd: workdir, env });
  const apply = () => terraform('apply', '-auto-approve', '-input=false');

  async function outputs(): Promise<Record<string, { value: unknown; sensitive: boolean }>> {
    return JSON.parse((await terraform('output', '-json')).stdout) as Record<string, { value: unknown; sensitive: boolean }>;
  }

  async function keys(): Promise<AccessKeyMetadata[]> {
    return (await iam.send(new ListAccessKeysCommand({ UserName: USER }))).AccessKeyMetadata ?? [];
  }

  /** A JSON-protocol call to moto (SSM, Secrets Manager); moto routes by the credential scope's service. */
  async function awsJson(service: string, target: string, body: object): Promise<Record<string, unknown>> {
    const response = await fetch(moto.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': target,
        Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=x`,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, ...((await response.json()) as Record<string, unknown>) };
  }

  async function keyIdsOf(userName: string): Promise<string[]> {
    return ((await iam.send(new ListAccessKeysCommand({ UserName: userName }))).AccessKeyMetadata ?? []).map((k) => k.AccessKeyId ?? '');
  }

  async function planIsEmpty(): Promise<void> {
    const plan = await run('terraform', ['plan', '-detailed-exitcode', '-input=false', '-no-color'], { cwd: workdir, env });
    expect(plan.code, `second plan shows changes:\n${plan.stdout}\n${plan.stderr}`).toBe(0);
  }

  beforeAll(async () => {
    const started = performance.now();
    // moto loads AWS managed policies (ReadOnlyAccess) only when asked; startMoto passes process.env on.
    process.env.MOTO_IAM_LOAD_MANAGED_POLICIES = 'true';
    moto = await startMoto();
    env = terraformEnv(moto.env);
    iam = new IAMClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    workdir = mkdtempSync(join(tmpdir(), 'lpu-deploy-'));
    synthAt(0);
    await terraform('init', '-input=false');
    timings['moto start + synth + init (ms)'] = Math.round(performance.now() - started);
  });

  afterAll(async () => {
    iam?.destroy();
    await moto?.stop();
    if (workdir) rmSync(workdir, { recursive: true, force: true });
    console.info(`deploy test timings: ${JSON.stringify(timings)}`);
  });

  let firstKey = '';
  let secondKey = '';

  it('deploys the user, group, policies, key and login profile', { timeout: 180_000 }, async () => {
    const started = performance.now();
    const applied = await apply();
    timings['first apply (ms)'] = Math.round(performance.now() - started);

    const user = (await iam.send(new GetUserCommand({ UserName: USER }))).User;
    expect(user?.Arn).toBe(`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/${USER}`);
    expect(Object.fromEntries((user?.Tags ?? []).map((t) => [t.Key, t.Value]))).toEqual({ team: 'platform', 'iam-preset': 'self-service bucket-reader' });

    const groups = (await iam.send(new ListGroupsForUserCommand({ UserName: USER }))).Groups ?? [];
    expect(groups.map((g) => g.GroupName)).toEqual([`${USER}-group`]);
    const attached = (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: `${USER}-group` }))).AttachedPolicies ?? [];
    expect(attached.map((p) => p.PolicyName).sort()).toEqual(['ReadOnlyAccess', `${USER}-bucket-reader`, `${USER}-self-service`]);

    for (const name of ['self-service', 'bucket-reader']) {
      const arn = `arn:aws:iam::${MOTO_ACCOUNT_ID}:policy/${USER}-${name}`;
      const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy;
      const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy?.DefaultVersionId }));
      const text = decodeURIComponent(version.PolicyVersion?.Document ?? '');
      expect(text).toContain(MOTO_ACCOUNT_ID);
      expect(text).not.toContain('123456789012');
      expect(text).not.toMatch(/\$\{(AccountId|Partition|Region)\}/);
      if (name === 'self-service') expect(JSON.parse(text).Statement[0].Resource).toBe(`arn:aws:iam::${MOTO_ACCOUNT_ID}:user/\${aws:username}`);
      else expect(JSON.parse(text).Statement[0].Resource).toBe(`arn:aws:s3:::logs-${MOTO_ACCOUNT_ID}-us-east-1/*`);
    }

    const [key] = await keys();
    expect(await keys()).toHaveLength(1);
    expect(key.Status).toBe('Active');
    firstKey = key.AccessKeyId ?? '';
    // moto 5.2 drops PasswordResetRequired on create (the synth tests check we send it): check the profile exists.
    expect((await iam.send(new GetLoginProfileCommand({ UserName: USER }))).LoginProfile?.UserName).toBe(USER);

    const out = await outputs();
    expect(out[`${USER}_access_key_id`].value).toBe(firstKey);
    expect(out[`${USER}_user_arn`].value).toBe(user?.Arn);
    expect(out[`${USER}_group_name`].value).toBe(`${USER}-group`);
    expect(out[`${USER}_policy_arns`].value).toHaveLength(3);
    const secret = out[`${USER}_access_key_secret`];
    const password = out[`${USER}_console_password`];
    expect(secret.sensitive && password.sensitive).toBe(true);
    expect(String(secret.value).length).toBeGreaterThan(20);
    expect(applied.stdout).not.toContain(String(secret.value));
    expect(applied.stdout).not.toContain(String(password.value));
  });

  it('stores secrets in SSM and Secrets Manager, and attaches to the user when asked', { timeout: 60_000 }, async () => {
    const out = await outputs();
    const parameter = await awsJson('ssm', 'AmazonSSM.GetParameter', { Name: out['in-ssm_access_key_secret_parameter'].value, WithDecryption: true });
    const fromSsm = JSON.parse(String((parameter.Parameter as { Value: string; Type: string }).Value)) as { AccessKeyId: string; SecretAccessKey: string };
    expect((parameter.Parameter as { Type: string }).Type).toBe('SecureString');
    expect([fromSsm.AccessKeyId]).toEqual(await keyIdsOf('in-ssm'));
    expect(fromSsm.SecretAccessKey).toMatch(/^\S{40}$/);
    expect(out['in-ssm_access_key_secret']).toBeUndefined();

    const secret = await awsJson('secretsmanager', 'secretsmanager.GetSecretValue', { SecretId: out['in-sm_access_key_secret_arn'].value });
    const fromSm = JSON.parse(String(secret.SecretString)) as { AccessKeyId: string; SecretAccessKey: string };
    expect([fromSm.AccessKeyId]).toEqual(await keyIdsOf('in-sm'));
    expect(fromSm.SecretAccessKey).toMatch(/^\S{40}$/);

    const direct = (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'in-ssm' }))).AttachedPolicies ?? [];
    expect(direct.map((p) => p.PolicyName)).toEqual(['in-ssm-self-service']);
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'in-ssm' }))).Groups).toEqual([]);
  });

  it('creates the role boundary a preset names, under the ARN its condition names', { timeout: 60_000 }, async () => {
    const arn = `arn:aws:iam::${MOTO_ACCOUNT_ID}:policy/functions-role-boundary`;
    const boundary = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy;
    expect(boundary).toMatchObject({ Arn: arn, Path: '/', AttachmentCount: 0 });
    const boundaryText = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: boundary?.DefaultVersionId }))).PolicyVersion?.Document ?? '';
    expect(JSON.parse(decodeURIComponent(boundaryText)).Statement[0].Resource).toBe(`arn:aws:logs:us-east-1:${MOTO_ACCOUNT_ID}:log-group:/aws/lambda/fn-*:*`);

    const grantArn = `arn:aws:iam::${MOTO_ACCOUNT_ID}:policy/fn-deployer-functions`;
    const grant = (await iam.send(new GetPolicyCommand({ PolicyArn: grantArn }))).Policy;
    const grantText = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: grantArn, VersionId: grant?.DefaultVersionId }))).PolicyVersion?.Document ?? '';
    expect(JSON.parse(decodeURIComponent(grantText)).Statement[0].Condition).toEqual({ StringEquals: { 'iam:PermissionsBoundary': arn } });
    expect((await outputs())['fn_role_boundary_arns'].value).toEqual([arn]);
  });

  it('plans no changes on a second run', { timeout: 120_000 }, async () => {
    await planIsEmpty();
  });

  it('rotates: a bump adds a key and keeps the old one, the next bump deletes the oldest', { timeout: 240_000 }, async () => {
    synthAt(1);
    const started = performance.now();
    await apply();
    timings['rotation apply (ms)'] = Math.round(performance.now() - started);
    const afterFirstBump = await keys();
    secondKey = String((await outputs())[`${USER}_access_key_id`].value);
    expect(secondKey).not.toBe(firstKey);
    expect(afterFirstBump.map((k) => k.AccessKeyId).sort()).toEqual([firstKey, secondKey].sort());
    expect(afterFirstBump.every((k) => k.Status === 'Active')).toBe(true);

    // IAM (and moto) refuse a third key: this apply passes only if the oldest key is deleted first.
    synthAt(2);
    await apply();
    const afterSecondBump = await keys();
    const thirdKey = String((await outputs())[`${USER}_access_key_id`].value);
    expect(afterSecondBump.map((k) => k.AccessKeyId).sort()).toEqual([secondKey, thirdKey].sort());
    expect(afterSecondBump.map((k) => k.AccessKeyId)).not.toContain(firstKey);
    await planIsEmpty();
  });

  it('destroys everything it made', { timeout: 180_000 }, async () => {
    const started = performance.now();
    await terraform('destroy', '-auto-approve', '-input=false');
    timings['destroy (ms)'] = Math.round(performance.now() - started);
    expect((await iam.send(new ListUsersCommand({}))).Users ?? []).toEqual([]);
    expect((await iam.send(new ListGroupsCommand({}))).Groups ?? []).toEqual([]);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies ?? []).toEqual([]);
    expect(((await awsJson('ssm', 'AmazonSSM.DescribeParameters', {})).Parameters as unknown[]) ?? []).toEqual([]);
    expect(((await awsJson('secretsmanager', 'secretsmanager.ListSecrets', {})).SecretList as unknown[]) ?? []).toEqual([]);
  });
});
