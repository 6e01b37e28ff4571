/**
 * `npx cdktf synth --hcl`: the HCL a Terraform team that does not use CDKTF receives. Runs the real
 * CLI into a temporary --output directory.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_NAMES } from '../../config';
import { runOk, terraformEnv } from '../support/terraform';
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
});
