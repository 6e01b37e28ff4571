/**
 * Role boundaries across stacks of one account, applied to moto_server: a stack with
 * createRoleBoundaries false fails its plan until the boundary exists, then shares it; a second stack
 * creating the same boundary fails its apply (what the synth warning is about).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { GetPolicyCommand, IAMClient, ListPoliciesCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeastPrivilegeUserProps } from '.';
import { functionsPresets, relativeStateStack } from '../test/fixtures/modules/stack';
import { MOTO_ACCOUNT_ID, startMoto, type Moto } from '../test/support/moto';
import { run, runOk, terraformEnv } from '../test/support/terraform';
import { requireTool } from '../test/support/tools';

const BOUNDARY_ARN = `arn:aws:iam::${MOTO_ACCOUNT_ID}:policy/functions-role-boundary`;

const haveTools = requireTool('terraform') && requireTool('moto_server');

describe.runIf(haveTools)('role boundaries shared by stacks of one account (moto_server)', () => {
  let moto: Moto;
  let iam: IAMClient;
  let root: string;
  let env: NodeJS.ProcessEnv;

  /** Each stack in its own folder with its own state, as separately deployed stacks are. */
  async function initStack(name: string, props: Partial<LeastPrivilegeUserProps>): Promise<string> {
    const dir = join(root, name);
    mkdirSync(dir);
    const out = Testing.fullSynth(relativeStateStack(Testing.app(), { userName: name, presetSource: functionsPresets, presets: ['functions'], accessKey: false, ...props }, name));
    copyFileSync(join(out, 'stacks', name, 'cdk.tf.json'), join(dir, 'cdk.tf.json'));
    rmSync(out, { recursive: true, force: true });
    await runOk('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env });
    return dir;
  }
  const apply = (dir: string) => run('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env });

  beforeAll(async () => {
    moto = await startMoto();
    env = terraformEnv(moto.env);
    iam = new IAMClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    root = mkdtempSync(join(tmpdir(), 'lpu-boundaries-'));
  });

  afterAll(async () => {
    iam?.destroy();
    await moto?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  let reader = '';
  let creator = '';

  it('fails the plan of a stack that reads a boundary no stack has created yet', { timeout: 120_000 }, async () => {
    reader = await initStack('reader', { createRoleBoundaries: false });
    const failed = await apply(reader);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain(BOUNDARY_ARN);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies ?? []).toEqual([]);
  });

  it('applies once the creating stack has, and outputs the boundary it shares', { timeout: 120_000 }, async () => {
    creator = await initStack('creator', {});
    expect((await apply(creator)).code).toBe(0);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: BOUNDARY_ARN }))).Policy?.Path).toBe('/');
    const applied = await apply(reader);
    expect(applied.code, applied.stderr).toBe(0);
    const out = JSON.parse((await runOk('terraform', ['output', '-json'], { cwd: reader, env })).stdout) as Record<string, { value: unknown }>;
    expect(out.deployer_role_boundary_arns.value).toEqual([BOUNDARY_ARN]);
  });

  it('a second stack creating the same boundary fails its apply with EntityAlreadyExists', { timeout: 120_000 }, async () => {
    const second = await initStack('second', {});
    const failed = await apply(second);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/EntityAlreadyExists/);
  });
});
