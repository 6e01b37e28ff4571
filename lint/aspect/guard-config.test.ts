/**
 * Which lint config the guard in main.ts reads: the file IAM_POLICY_LINT_CONFIG names (how
 * `npm run lint-policies -- --config FILE` hands it over), else the nearest .iam-policy-lint.json
 * up to the repository root, as the CLI does. Judged by what it changes: with admin-access off in
 * that file, an AdministratorAccess grant draws no admin-access error at synth. (Whether the synth
 * passes also depends on the other rules and the presets, which are not what is tested here.)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_VARIABLE } from '../config/load-config';

const ROOT = join(__dirname, '..', '..');
const ADMIN_OFF = { rules: { 'admin-access': 'off' } };
/** How the guard's admin-access finding starts, at the construct that attaches the policy. */
const ADMIN_FINDING = '] admin-access: ';
/** The guard ran and judged the grant with its other rules (the user is held to its preset). */
const GUARD_RAN = /\] exceeds-preset: sst-deployer holds administrator access through .*AdministratorAccess/;

/** `cdktf synth`'s run of main.ts in `cwd`, with AdministratorAccess added to one user. */
function synthMain(cwd: string, env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const users = join(cwd, 'users.json');
  writeFileSync(users, JSON.stringify({ stacks: ['sst-deployer'], users: { 'sst-deployer': { managedPolicies: ['AdministratorAccess'] } } }));
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'main.ts')], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, [CONFIG_FILE_VARIABLE]: '', IAM_USERS_CONFIG: users, CDKTF_OUTDIR: join(cwd, 'out'), ...env },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** A repository (a folder holding .git) with a subfolder to run in; no config anywhere yet. */
function repository(): { repo: string; sub: string } {
  const repo = mkdtempSync(join(tmpdir(), 'guard-config-'));
  mkdirSync(join(repo, '.git'));
  mkdirSync(join(repo, 'infra'));
  return { repo, sub: join(repo, 'infra') };
}

describe('the lint config the synth guard reads', () => {
  it('is the file IAM_POLICY_LINT_CONFIG names, wherever it is', () => {
    const { sub } = repository();
    const elsewhere = mkdtempSync(join(tmpdir(), 'guard-config-ci-'));
    writeFileSync(join(elsewhere, 'ci.json'), JSON.stringify(ADMIN_OFF));
    const without = synthMain(sub, {});
    expect(without.status, 'no config: the grant fails the synth').not.toBe(0);
    expect(without.output).toContain(ADMIN_FINDING);
    const withFile = synthMain(sub, { [CONFIG_FILE_VARIABLE]: join(elsewhere, 'ci.json') });
    expect(withFile.output).toMatch(GUARD_RAN);
    expect(withFile.output).not.toContain(ADMIN_FINDING);
  });

  it('is the repository\'s .iam-policy-lint.json when the synth runs in a subfolder', () => {
    const { repo, sub } = repository();
    writeFileSync(join(repo, '.iam-policy-lint.json'), JSON.stringify(ADMIN_OFF));
    const run = synthMain(sub, {});
    expect(run.output).toMatch(GUARD_RAN);
    expect(run.output).not.toContain(ADMIN_FINDING);
  });
});
