/**
 * `npx cdktf synth --hcl`: the HCL a Terraform team that does not use CDKTF receives. Runs the real
 * CLI into a temporary --output directory; the team must be able to validate it and apply it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetPolicyCommand, GetPolicyVersionCommand, IAMClient, ListPoliciesCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_NAMES } from '../../config';
import { MOTO_ACCOUNT_ID, startMoto } from '../support/moto';
import { run, runOk, terraformEnv } from '../support/terraform';
import { requireTool } from '../support/tools';

const PROJECT = resolve(__dirname, '../..');

describe('cdktf synth --hcl', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'iam-users-hcl-'));
  const hcl: Record<string, string> = {};

  beforeAll(async () => {
    const { IAM_USERS_CONFIG: _ignored, ...env } = terraformEnv();
    await runOk('npx', ['cdktf', 'synth', '--hcl', '--output', outdir, '--no-color'], { cwd: PROJECT, env, timeoutMs: 300_000 });
    for (const name of STACK_NAMES) hcl[name] = readFileSync(join(outdir, 'stacks', name, 'cdk.tf'), 'utf8');
  }, 300_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('writes one cdk.tf per stack with the relative local backend and no folder of this machine', () => {
    for (const name of STACK_NAMES) {
      expect(hcl[name]).toContain(`backend "local" {\n    path = "../../../terraform.${name}.tfstate"\n  }`);
      for (const root of [PROJECT, homedir(), tmpdir()]) expect(hcl[name]).not.toContain(root);
      expect(hcl[name]).toMatch(/resource "aws_iam_user" "[^"]+" \{[^}]*name\s+= "[^"]+"/);
    }
    expect(existsSync(join(outdir, 'stacks', 'eks-eksctl', 'cdk.tf.json'))).toBe(false);
  });

  it('writes each policy as jsonencode({...}) a reader can follow, IAM variables escaped', () => {
    for (const name of STACK_NAMES) {
      const policies = [...hcl[name].matchAll(/^\s*policy\s+= (.*)$/gm)].map((m) => m[1]);
      expect(policies.length, name).toBeGreaterThan(0);
      for (const policy of policies) expect(policy, name).toMatch(/^"\$\{jsonencode\(\{\s*"Version"\s*=\s*"2012-10-17",\s*"Statement"\s*=\s*\[\{.*\}\)\}"$/);
    }
    expect(hcl['invoice-scanner']).toMatch(/\$\$\{aws:[\w/]+\}/);
  });

  // JSON text with interpolations in a string attribute is what cdktf 0.21's HCL printer breaks; the
  // construct writes `${jsonencode({...})}` instead (modules/jsonencode-expression.ts).
  it.runIf(requireTool('terraform'))('passes terraform validate, every stack', { timeout: 300_000 }, async () => {
    const env = terraformEnv();
    for (const name of STACK_NAMES) {
      const cwd = join(outdir, 'stacks', name);
      await runOk('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd, env });
      await runOk('terraform', ['validate', '-no-color'], { cwd, env });
    }
  });

  // invoice-scanner's preset holds an IAM variable (`${aws:username}`) and the account placeholders.
  it.runIf(requireTool('terraform') && requireTool('moto_server'))('applies to moto_server: IAM receives each document as written, a second plan is empty', { timeout: 300_000 }, async () => {
    const moto = await startMoto();
    const env = terraformEnv(moto.env);
    const cwd = join(outdir, 'stacks', 'invoice-scanner');
    const state = join(outdir, 'invoice-scanner.tfstate');
    const iam = new IAMClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    try {
      await runOk('terraform', ['init', '-reconfigure', `-backend-config=path=${state}`, '-input=false', '-no-color'], { cwd, env });
      await runOk('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd, env, timeoutMs: 240_000 });
      const arns = ((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies ?? []).map((p) => p.Arn ?? '');
      expect(arns.length).toBeGreaterThan(0);
      const texts: string[] = [];
      for (const arn of arns) {
        const version = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId;
        texts.push(decodeURIComponent((await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: version }))).PolicyVersion?.Document ?? ''));
      }
      for (const text of texts) {
        expect(JSON.parse(text)).toMatchObject({ Version: '2012-10-17' });
        expect(text).not.toMatch(/\$\{(AccountId|Partition|Region)\}|\$\$\{|123456789012/);
      }
      expect(texts.join('\n')).toContain(`:${MOTO_ACCOUNT_ID}:`);
      expect(texts.join('\n')).toMatch(/[^$]\$\{aws:username\}/);
      const plan = await run('terraform', ['plan', '-detailed-exitcode', '-input=false', '-no-color'], { cwd, env, timeoutMs: 240_000 });
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    } finally {
      await run('terraform', ['destroy', '-auto-approve', '-input=false', '-no-color'], { cwd, env, timeoutMs: 240_000 });
      iam.destroy();
      await moto.stop();
    }
  });
});
