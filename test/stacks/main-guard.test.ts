/**
 * main.ts itself runs the synth-time lint guard: AdministratorAccess added through the config fails
 * the synth with admin-access; a suppression with a reason in .iam-policy-lint.json lets it through,
 * and the reason shows at synth and in the linter's report.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const REASON = 'break-glass deployer, approved in SEC-123 until 2027-01-31';

function synthMain(cwd: string): { status: number | null; output: string } {
  const { status, stdout, stderr } = runMain(cwd, { stacks: ['sst-deployer'], users: { 'sst-deployer': { managedPolicies: ['AdministratorAccess'] } } });
  return { status, output: `${stdout}\n${stderr}` };
}

function runMain(cwd: string, config: object, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const configFile = join(cwd, 'users.json');
  writeFileSync(configFile, JSON.stringify(config));
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'main.ts')], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, IAM_USERS_CONFIG: configFile, CDKTF_OUTDIR: join(cwd, 'out'), ...env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lintJson(cwd: string): { findings: { ruleId: string }[]; suppressed: { ruleId: string; reason: string }[] } {
  const result = spawnSync(process.execPath, [join(ROOT, 'lint', 'bin.cjs'), '--format', 'json', '--config', join(cwd, '.iam-policy-lint.json'), join(cwd, 'out')], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('main.ts with the lint guard', () => {
  it('fails the synth when a user is given AdministratorAccess', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'main-guard-'));
    const { status, output } = synthMain(cwd);
    expect(status).not.toBe(0);
    expect(output).toContain('admin-access');
    expect(output).toContain('sst-deployer');
    // The findings and how to accept one, not cdktf's stack trace.
    expect(output).toContain("suppressLint(construct, [{ ruleId: 'admin-access'");
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('passes with a suppression and its reason, which the synth and the report show', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'main-guard-'));
    writeFileSync(
      join(cwd, '.iam-policy-lint.json'),
      JSON.stringify({
        suppressions: [
          { rule: 'admin-access', resource: 'aws_iam_group_policy_attachment.*', reason: REASON },
          { rule: 'exceeds-preset', resource: '*', reason: REASON },
        ],
      }),
    );
    const { status, output } = synthMain(cwd);
    expect(status, output).toBe(0);
    // Annotations go to the manifest, which `cdktf synth` prints: the reason is there, as info.
    const manifest = JSON.parse(readFileSync(join(cwd, 'out', 'manifest.json'), 'utf8'));
    const messages: string[] = manifest.stacks['sst-deployer'].annotations.map((a: { message: string }) => a.message);
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^admin-access suppressed: ${REASON}`)));
    const report = lintJson(cwd);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('admin-access');
    expect(report.suppressed).toContainEqual(expect.objectContaining({ ruleId: 'admin-access', reason: REASON }));
  });
});

describe('main.ts with a config value the construct refuses', () => {
  it('names the file, the stack and the setting, without a stack trace', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'main-guard-'));
    const { status, stderr } = runMain(cwd, { stacks: ['sst-deployer'], accessKey: { pgpKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----' } });
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(new RegExp(`^${join(cwd, 'users.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: stack sst-deployer: accessKey\\.pgpKey is an ASCII-armored key`));
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('says what IAM_POLICY_LINT_GUARD takes, without a stack trace', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'main-guard-'));
    const { status, stderr } = runMain(cwd, { stacks: ['sst-deployer'] }, { IAM_POLICY_LINT_GUARD: 'warn' });
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('IAM_POLICY_LINT_GUARD=warn is not a guard mode; use "fail" (the default) or "report"');
  });
});
