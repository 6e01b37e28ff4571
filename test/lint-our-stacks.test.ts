/**
 * The linter on what this project deploys: the stacks main.ts builds, synthesized, and the presets in
 * policies/, linted with the CLI as `npm run lint-policies` does. They must draw no error, and no
 * exceeds-preset (each user holds exactly its preset); the warnings left are pinned to what is true
 * of them, and the stacks' plans (`terraform show -json`, against moto) draw the same. Conversely,
 * AdministratorAccess added through the construct is caught, with the preset that fits.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, STACK_NAMES, type AppConfig } from '../config';
import { main } from '../lint/cli';
import type { Inventory, Statement } from '../lint/model/types';
import { readPaths } from '../lint/sources/index';
import { LeastPrivilegeUser } from '../modules';
import { planJson } from '../scripts/make-plan-fixtures';
import { buildStacks } from '../stacks';
import { TUTORIALS } from '../stacks/tutorials';
import { startMoto } from './support/moto';
import { requireTool } from './support/tools';

const ROOT = join(__dirname, '..');
const POLICIES = join(ROOT, 'policies');

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  resource: string | null;
  statement: string | number | null;
}

function synth(config: AppConfig, extend: (app: App) => void = () => undefined): string {
  const outdir = mkdtempSync(join(tmpdir(), 'lint-our-stacks-'));
  const app = new App({ outdir, stackTraces: false });
  buildStacks(app, config);
  extend(app);
  app.synth();
  return outdir;
}

async function lintCli(paths: string[]): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['--format', 'json', ...paths], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
    cwd: mkdtempSync(join(tmpdir(), 'lint-our-stacks-cwd-')),
  });
  return { code, findings: (JSON.parse(stdout) as { findings: JsonFinding[] }).findings, stderr };
}

/** The stack a finding's file belongs to, or `policies` for the presets. */
function stackOf(file: string): string {
  return /stacks\/([^/]+)\/(cdk\.tf|plan)\.json$/.exec(file)?.[1] ?? 'policies';
}

function statementOf(inventory: Inventory, finding: JsonFinding): Statement | undefined {
  const policy = inventory.policies.find((p) => p.origin.file === finding.file && p.origin.resource === finding.resource);
  return policy?.document?.statements.find((s) => (s.sid ?? s.index) === finding.statement);
}

const CONSOLE_STACKS = STACK_NAMES.filter((name) => TUTORIALS[name].consoleAccess);

describe('the stacks main.ts builds, and policies/, through the CLI', () => {
  let outdir: string;
  let result: Awaited<ReturnType<typeof lintCli>>;
  let inventory: Inventory;

  beforeAll(async () => {
    outdir = synth(defaultConfig());
    result = await lintCli([outdir, POLICIES]);
    inventory = (await readPaths([outdir, POLICIES])).inventory;
  }, 60_000);

  it('reads every stack and every preset, and draws no error', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const files = new Set(inventory.policies.map((p) => stackOf(p.origin.file)));
    expect([...files].sort()).toEqual([...STACK_NAMES, 'policies'].sort());
  });

  it('gives each user exactly its preset: declared by tag, and exceeds-preset silent', () => {
    const users = inventory.principals.filter((p) => p.kind === 'user');
    expect(users.map((u) => [stackOf(u.origin.file), u.tags['iam-preset']]).sort()).toEqual(STACK_NAMES.map((name) => [name, name]).sort());
    expect(result.findings.filter((f) => f.ruleId === 'exceeds-preset')).toEqual([]);
  });

  it('leaves only warnings that are true of the presets and the tutorials', () => {
    const warnings = result.findings.filter((f) => f.severity === 'warning');
    for (const warning of warnings) {
      if (warning.ruleId === 'write-without-constraint') {
        // Each preset's judgements say so: writes on every resource of a type, but only in the deploying account.
        const statement = statementOf(inventory, warning);
        expect(statement, `${warning.file} ${warning.resource} ${warning.statement}`).toBeDefined();
        for (const resource of statement!.resources ?? []) {
          expect(resource).toMatch(/^arn:(\$\{Partition\}|\$\{data\.aws_partition\.\w+\.partition\}):[\w-]+:[^:]*:(\$\{AccountId\}|\$\{data\.aws_caller_identity\.\w+\.account_id\})?:/);
        }
      } else {
        // The tutorial asks for console access and a key on one user; without a PGP key (the default) the password sits in the state.
        expect(['console-and-key', 'console-password']).toContain(warning.ruleId);
        expect(CONSOLE_STACKS).toContain(stackOf(warning.file));
      }
    }
    expect(warnings.filter((w) => w.ruleId === 'console-password').map((w) => w.message)).toEqual(CONSOLE_STACKS.map(() => expect.stringContaining('set pgp_key')));
  });

  it('has no console-password warning once the config gives a PGP key', async () => {
    const withPgp = synth({ ...defaultConfig(), stacks: [...CONSOLE_STACKS], accessKey: { secret: { store: 'output' }, pgpKey: 'keybase:invoice-team' } });
    const { findings } = await lintCli([withPgp]);
    expect(findings.filter((f) => f.ruleId === 'console-password')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  }, 60_000);
});

/** What a finding says about which grant, wherever the stack was read from. */
const findingKey = (f: JsonFinding): string => [stackOf(f.file), f.ruleId, f.severity, f.resource, f.statement].join(' ');

describe.runIf(requireTool('terraform') && requireTool('moto_server'))('the stacks\' plans', () => {
  it('draw the same findings as their configuration', { timeout: 600_000 }, async () => {
    const outdir = synth(defaultConfig());
    const plans = mkdtempSync(join(tmpdir(), 'lint-our-plans-'));
    const moto = await startMoto();
    try {
      for (const name of STACK_NAMES) {
        mkdirSync(join(plans, 'stacks', name), { recursive: true });
        writeFileSync(join(plans, 'stacks', name, 'plan.json'), await planJson(join(outdir, 'stacks', name), moto.env));
      }
    } finally {
      await moto.stop();
    }
    const fromConfiguration = await lintCli([join(outdir, 'stacks')]);
    const fromPlans = await lintCli([join(plans, 'stacks')]);
    expect(fromPlans.stderr).toBe('');
    expect(fromConfiguration.findings.length).toBeGreaterThan(0);
    expect(fromPlans.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(fromPlans.findings.map(findingKey).sort()).toEqual(fromConfiguration.findings.map(findingKey).sort());
  });
});

describe('AdministratorAccess added through the construct', () => {
  let findings: JsonFinding[];
  let code: number;

  beforeAll(async () => {
    const outdir = synth({ ...defaultConfig(), stacks: ['invoice-scanner'] }, (app) => {
      const stack = new TerraformStack(app, 'ops');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      // Declares its preset, and is also made an administrator.
      new LeastPrivilegeUser(stack, 'declared', { userName: 'invoice-ops', presets: ['invoice-scanner'], managedPolicies: ['AdministratorAccess'], accessKey: false });
      // Declares none, but is named for the job a preset does.
      new LeastPrivilegeUser(stack, 'undeclared', { userName: 'automate-ha-deployer-ci', managedPolicies: ['AdministratorAccess'], accessKey: false });
    });
    ({ code, findings } = await lintCli([outdir]));
  }, 60_000);

  it('draws admin-access at each attachment', () => {
    expect(code).toBe(1);
    const admin = findings.filter((f) => f.ruleId === 'admin-access');
    expect(admin.map((f) => [stackOf(f.file), f.resource?.startsWith('aws_iam_group_policy_attachment.'), f.message.includes(':iam::aws:policy/AdministratorAccess')])).toEqual([
      ['ops', true, true],
      ['ops', true, true],
    ]);
  });

  it('draws exceeds-preset naming the preset that fits', () => {
    const exceeds = findings.filter((f) => f.ruleId === 'exceeds-preset');
    expect(exceeds.map((f) => f.message).sort()).toEqual([
      expect.stringMatching(/^automate-ha-deployer-ci .*holds administrator access .*preset automate-ha-deployer fits its use: attach policies\/automate-ha-deployer\.json/),
      expect.stringMatching(/^invoice-ops .*holds administrator access .*preset invoice-scanner fits its use: attach policies\/invoice-scanner\.json/),
    ]);
    expect(exceeds.every((f) => f.severity === 'error')).toBe(true);
  });

  it('leaves the stacks without it as they were', () => {
    expect(findings.filter((f) => stackOf(f.file) === 'invoice-scanner' && f.severity === 'error')).toEqual([]);
  });
});
