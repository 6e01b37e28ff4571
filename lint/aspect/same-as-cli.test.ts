/**
 * The guard and the CLI must agree: same readers, rules and config, so the same findings for the
 * same stack. Checked on a stack that trips several rules, on an app stack granted AWS managed
 * policies through its config, and on a group shared by two users.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupMembership } from '@cdktf/provider-aws/lib/iam-group-membership';
import { IamGroupPolicy } from '@cdktf/provider-aws/lib/iam-group-policy';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserPolicyAttachment } from '@cdktf/provider-aws/lib/iam-user-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config';
import { LeastPrivilegeUser } from '../../modules';
import { buildStacks } from '../../stacks';
import { lint } from '../index';
import { rules } from '../rules/index';
import { enablePolicyLint } from './index';
import { constructsByAddress } from './terraform-addresses';

/** `severity rule address` of each finding iam-policy-lint reports on the stack's synthesized JSON. */
async function fromCli(stack: TerraformStack): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'same-cli-'));
  const file = join(folder, 'stacks', stack.node.id, 'cdk.tf.json');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(stack.toTerraform(), null, 2));
  const cli = await lint([file]);
  return cli.findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource ?? ''}`).sort();
}

/** The same, from the guard's annotations at synth. */
function fromGuard(stack: TerraformStack): string[] {
  enablePolicyLint(stack);
  Testing.synth(stack, false);
  const addressOf = new Map([...constructsByAddress(stack)].map(([address, construct]) => [construct.node.path, address]));
  const levels: Record<string, string> = { '@cdktf/error': 'error', '@cdktf/warn': 'warning', '@cdktf/info': 'info' };
  const ruleIds = new Set(rules.map((r) => r.meta.id));
  return stack.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        // The guard's findings only: the construct warns at synth too (consoleAccess: ...).
        .filter((m) => m.type in levels && ruleIds.has(String(m.data).split(':')[0]) && !String(m.data).includes(' suppressed: '))
        .map((m) => `${levels[m.type]} ${String(m.data).split(':')[0]} ${addressOf.get(c.node.path) ?? ''}`),
    )
    .sort();
}

function rulesIn(findings: string[]): Set<string> {
  return new Set(findings.map((f) => f.split(' ')[1]));
}

describe('the synth-time guard and iam-policy-lint', () => {
  it('report the same rule ids on the same resources', async () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'same-')) });
    const stack = new TerraformStack(app, 'mixed');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const broad = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Buckets', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutBucketPolicy', 's3:DeleteBucket'], Resource: '*' },
        { Sid: 'Roles', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
        { Sid: 'Typo', Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:aws:s3:::b/*' },
      ],
    };
    const user = new LeastPrivilegeUser(stack, 'user', { userName: 'mixed', policies: { broad }, attachTo: 'user', accessKey: {}, consoleAccess: {} });
    new IamGroupPolicyAttachment(user, 'admin', { group: 'ops', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });

    const cli = await fromCli(stack);
    expect(rulesIn(cli).size).toBeGreaterThanOrEqual(5);
    expect(fromGuard(stack)).toEqual(cli);
  });

  it('agree on AWS managed policies granted through the app config (users.<stack>.managedPolicies)', async () => {
    const config = defaultConfig();
    config.stacks = ['sst-deployer'];
    config.users = { 'sst-deployer': { managedPolicies: ['IAMFullAccess', 'AmazonS3FullAccess'] } };
    const [stack] = buildStacks(new App({ outdir: mkdtempSync(join(tmpdir(), 'same-')) }), config);

    const cli = await fromCli(stack!);
    expect([...rulesIn(cli)]).toEqual(expect.arrayContaining(['privilege-escalation', 'full-service-access', 'exceeds-preset']));
    expect(fromGuard(stack!)).toEqual(cli);
  });

  it('agree on a group shared by two users, one of them with a policy of its own', async () => {
    const stack = new TerraformStack(Testing.app(), 'team');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const group = new IamGroup(stack, 'group', { name: 'devs' });
    new IamGroupPolicy(stack, 'policy', {
      group: group.name,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 's3:*'], Resource: '*' }] }),
    });
    const alice = new IamUser(stack, 'alice', { name: 'alice' });
    const bob = new IamUser(stack, 'bob', { name: 'bob' });
    new IamGroupMembership(stack, 'members', { name: 'devs-members', group: group.name, users: [alice.name, bob.name] });
    new IamUserPolicyAttachment(stack, 'bob-iam', { user: bob.name, policyArn: 'arn:aws:iam::aws:policy/IAMFullAccess' });

    const cli = await fromCli(stack);
    expect([...rulesIn(cli)]).toEqual(expect.arrayContaining(['privilege-escalation', 'user-attached-policy']));
    expect(fromGuard(stack)).toEqual(cli);
  });
});
