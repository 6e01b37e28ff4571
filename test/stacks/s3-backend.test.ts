/**
 * Shared state: deploy one stack with its state in an S3 bucket (on moto_server), then synthesize the
 * same config into a fresh directory, as a colleague's checkout would, and see it plan no changes.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type AppConfig } from '../../config';
import { startMoto, type Moto } from '../support/moto';
import { run, runOk, terraformEnv } from '../support/terraform';
import { requireTool } from '../support/tools';
import { stackDir, synthApp } from './synth-app';

const BUCKET = 'team-terraform-state';
const STACK = 'sst-deployer';
const haveTools = requireTool('terraform') && requireTool('moto_server');

describe.runIf(haveTools)('state in an S3 bucket', () => {
  let moto: Moto;
  let env: NodeJS.ProcessEnv;
  let config: AppConfig;
  const first = mkdtempSync(join(tmpdir(), 'iam-users-s3-first-'));
  const second = mkdtempSync(join(tmpdir(), 'iam-users-s3-second-'));
  const timings: Record<string, number> = {};
  const terraform = (dir: string, ...args: string[]) =>
    runOk('terraform', [...args, ...(args[0] === 'state' ? [] : ['-input=false', '-no-color'])], { cwd: stackDir(dir, STACK), env });

  beforeAll(async () => {
    moto = await startMoto();
    env = terraformEnv(moto.env);
    // moto does not check signatures, so a plain path-style PUT makes the bucket.
    const created = await fetch(`${moto.endpoint}/${BUCKET}`, { method: 'PUT' });
    expect(created.status).toBe(200);
    config = parseConfig(
      {
        stacks: [STACK],
        backend: { type: 's3', bucket: BUCKET, endpoints: { s3: moto.endpoint, sts: moto.endpoint, iam: moto.endpoint }, usePathStyle: true },
      },
      'test config',
    );
  });

  afterAll(async () => {
    await moto?.stop();
    for (const dir of [first, second]) rmSync(dir, { recursive: true, force: true });
    console.info(`s3 backend timings (s): ${JSON.stringify(timings)}`);
  });

  it('deploys with native locking and leaves the state in the bucket', { timeout: 300_000 }, async () => {
    const started = performance.now();
    const stacks = synthApp(config, first);
    expect(stacks[STACK].terraform.backend.s3).toMatchObject({ bucket: BUCKET, key: `iam-users/${STACK}.tfstate`, use_lockfile: true, use_path_style: true });
    expect(stacks[STACK].terraform.backend.s3).not.toHaveProperty('dynamodb_table');
    await terraform(first, 'init');
    await terraform(first, 'apply', '-auto-approve');
    timings['synth + init + apply'] = Math.round((performance.now() - started) / 100) / 10;

    const pulled = JSON.parse((await terraform(first, 'state', 'pull')).stdout) as { resources: { type: string }[] };
    expect(pulled.resources.map((r) => r.type)).toContain('aws_iam_user');
    expect(existsSync(join(stackDir(first, STACK), 'terraform.tfstate'))).toBe(false);
  });

  it('a second checkout reads that state and plans no changes', { timeout: 300_000 }, async () => {
    const started = performance.now();
    synthApp(config, second);
    await terraform(second, 'init');
    const plan = await run('terraform', ['plan', '-detailed-exitcode', '-input=false', '-no-color'], { cwd: stackDir(second, STACK), env });
    timings['second checkout: synth + init + plan'] = Math.round((performance.now() - started) / 100) / 10;
    expect(plan.code, `plan from the second checkout:\n${plan.stdout}\n${plan.stderr}`).toBe(0);

    await terraform(second, 'destroy', '-auto-approve');
    const iam = new IAMClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    await expect(iam.send(new GetUserCommand({ UserName: 'sst-deployer' }))).rejects.toHaveProperty('name', expect.stringMatching(/^NoSuchEntity/));
    iam.destroy();
  });
});
