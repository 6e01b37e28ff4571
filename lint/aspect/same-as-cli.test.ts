/**
 * The guard and the CLI must agree: same readers, rules and config, so the same findings for the
 * same stack. Checked on a stack that trips several rules.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { describe, expect, it } from 'vitest';
import { LeastPrivilegeUser } from '../../modules';
import { lint } from '../index';
import { rules } from '../rules/index';
import { enablePolicyLint } from './index';
import { constructsByAddress } from './terraform-addresses';

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

    const folder = mkdtempSync(join(tmpdir(), 'same-cli-'));
    const file = join(folder, 'stacks', 'mixed', 'cdk.tf.json');
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(stack.toTerraform(), null, 2));
    const cli = await lint([file]);
    const fromCli = cli.findings.map((f) => `${f.severity} ${f.ruleId} ${f.resource ?? ''}`).sort();

    enablePolicyLint(stack);
    Testing.synth(stack, false);
    const addressOf = new Map([...constructsByAddress(stack)].map(([address, construct]) => [construct.node.path, address]));
    const levels: Record<string, string> = { '@cdktf/error': 'error', '@cdktf/warn': 'warning', '@cdktf/info': 'info' };
    const ruleIds = new Set(rules.map((r) => r.meta.id));
    const fromGuard = stack.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          // The guard's findings only: the construct warns at synth too (consoleAccess: ...).
          .filter((m) => m.type in levels && ruleIds.has(String(m.data).split(':')[0]) && !String(m.data).includes(' suppressed: '))
          .map((m) => `${levels[m.type]} ${String(m.data).split(':')[0]} ${addressOf.get(c.node.path) ?? ''}`),
      )
      .sort();

    expect(new Set(fromCli.map((f) => f.split(' ')[1])).size).toBeGreaterThanOrEqual(5);
    expect(fromGuard).toEqual(fromCli);
  });
});
