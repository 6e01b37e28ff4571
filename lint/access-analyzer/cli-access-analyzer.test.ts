/**
 * `iam-policy-lint --access-analyzer` / `--check-no-new-access` end to end: the real CLI in a child
 * process, the real SDK client, a loopback service found through the usual AWS environment.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeAccessAnalyzer } from './fake-access-analyzer';
import { TEST_CREDENTIALS } from './test-records';

const BIN = join(__dirname, '..', 'bin.cjs');
const ROOT = join(__dirname, '..', '..');

/** Runs the CLI in one process and prints its exit status and how many AWS SDK modules it loaded. */
const SDK_PROBE = `
require('tsx/cjs/api').register();
const { main } = require('./lint/cli.ts');
const quiet = { write: () => true };
main(process.argv.slice(1), { stdout: quiet, stderr: quiet, isTTY: false, env: {}, cwd: process.cwd() }).then((code) => {
  const loaded = Object.keys(require.cache).filter((m) => m.includes('@aws-sdk') || m.includes('@smithy'));
  process.stdout.write(JSON.stringify({ code, sdkModules: loaded.length }));
});`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function policyFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cli-aa-')), 'deploy.json');
  writeFileSync(
    file,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'PassRoles', Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::210987654321:role/app-*' }],
    }),
  );
  return file;
}

describe('iam-policy-lint with IAM Access Analyzer', () => {
  let service: FakeAccessAnalyzer;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    service = new FakeAccessAnalyzer();
    const endpoint = await service.start();
    // Only what the AWS chain needs, so no profile or real credential of the machine is used.
    env = {
      PATH: process.env.PATH,
      HOME: mkdtempSync(join(tmpdir(), 'cli-aa-home-')),
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    };
  });
  afterEach(() => service.stop());

  it('sends nothing, and loads no AWS SDK module, without the options', async () => {
    const run = await runCli(['--format', 'json', policyFile()], env);
    expect(run.status).toBe(0);
    expect(service.requests).toHaveLength(0);

    const probe = (args: string[]) =>
      new Promise<{ code: number; sdkModules: number }>((resolve) => {
        const child = spawn(process.execPath, ['-e', SDK_PROBE, '--', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'ignore'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        // A probe that printed nothing fails the assertion below instead of hanging the test.
        child.on('close', () => resolve(out === '' ? { code: -1, sdkModules: -1 } : (JSON.parse(out) as { code: number; sdkModules: number })));
      });
    const file = policyFile();
    expect(await probe([file])).toEqual({ code: 0, sdkModules: 0 });
    expect((await probe(['--access-analyzer', file])).sdkModules).toBeGreaterThan(0);
  });

  it('merges ValidatePolicy and CheckNoNewAccess findings into the report and the exit status', async () => {
    const file = policyFile();
    const reference = join(mkdtempSync(join(tmpdir(), 'cli-aa-ref-')), 'reference.json');
    writeFileSync(reference, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }));
    const run = await runCli(['--format', 'json', '--access-analyzer', '--check-no-new-access', reference, file], env);

    expect(service.requests.map((r) => r.path).sort()).toEqual(['/policy/check-no-new-access', '/policy/validation']);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string; statement: unknown }> };
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'access-analyzer/new-access', severity: 'error', statement: 'PassRoles' }));
    expect(run.status).toBe(1);
  });

  it('reports an unavailable service as a warning and exits by the other findings', async () => {
    service.fail(403, 'AccessDeniedException', 'not authorized to perform access-analyzer:ValidatePolicy');
    const run = await runCli(['--format', 'json', '--access-analyzer', policyFile()], env);
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string; message: string }> };
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'access-analyzer/request-failed', severity: 'warning' })]);
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });

  it('exits 2 naming the reference when it cannot be used, before any request', async () => {
    const run = await runCli(['--check-no-new-access', 'no-such-preset', policyFile()], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--check-no-new-access no-such-preset: no such file, and no preset by that name');
    expect(service.requests).toHaveLength(0);
  });
});
