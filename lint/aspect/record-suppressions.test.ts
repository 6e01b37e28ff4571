import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { describe, expect, it } from 'vitest';
import { LeastPrivilegeUser } from '../../modules';
import { writeSuppressionsToJson } from './record-suppressions';
import { appliedKey, suppressionsInSynthOutput } from './synth-output-suppressions';
import { suppressLint } from './suppress-lint';
import { constructsByAddress } from './terraform-addresses';

describe('suppressions in the synthesized JSON', () => {
  it('are written on every resource under the suppressing construct and read back as config entries', () => {
    const stack = new TerraformStack(Testing.app(), 'deploy');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const user = new LeastPrivilegeUser(stack, 'user', { userName: 'deployer', policies: { reader: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] } }, accessKey: false });
    suppressLint(user, [{ ruleId: 'user-attached-policy', reason: 'the tutorial attaches to the user directly' }]);
    suppressLint(stack, [{ ruleId: 'policy-size', reason: 'checked by hand against the resolved ARNs' }]);
    writeSuppressionsToJson(stack);

    const entries = suppressionsInSynthOutput(stack.toTerraform(), 'cdktf.out/stacks/deploy/cdk.tf.json');
    const underUser = [...constructsByAddress(stack)].filter(([, c]) => c.node.path.startsWith('deploy/user/')).map(([a]) => a);
    expect(underUser.length).toBeGreaterThan(2);
    expect(entries).toContainEqual({
      rule: 'policy-size',
      file: 'cdktf.out/stacks/deploy/cdk.tf.json',
      reason: 'checked by hand against the resolved ARNs (suppressLint on deploy)',
    });
    expect(entries.filter((e) => e.rule === 'user-attached-policy').map((e) => e.resource).sort()).toEqual(underUser.sort());
    expect(entries.find((e) => e.rule === 'user-attached-policy')?.reason).toBe(
      'the tutorial attaches to the user directly (suppressLint on deploy/user)',
    );
  });

  it('reads nothing from a stack without suppressions, or from values that are not Terraform JSON', () => {
    const stack = new TerraformStack(Testing.app(), 'plain');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new LeastPrivilegeUser(stack, 'user', { userName: 'deployer', accessKey: false });
    writeSuppressionsToJson(stack);
    expect(suppressionsInSynthOutput(stack.toTerraform(), 'x')).toEqual([]);
    for (const value of [null, [], 'text', { resource: [] }, { '//': { 'iam-policy-lint': { suppressions: [{ rule: 1 }] } } }]) {
      expect(suppressionsInSynthOutput(value, 'x')).toEqual([]);
    }
  });
});

describe('suppressions recorded only where they were used', () => {
  it('writes a construct suppression only on the resources whose findings it suppressed', () => {
    const stack = new TerraformStack(Testing.app(), 'deploy');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const user = new LeastPrivilegeUser(stack, 'user', { userName: 'deployer', accessKey: false });
    suppressLint(user, [{ ruleId: 'admin-access', reason: 'break-glass user, ticket SEC-123' }]);
    const [address] = [...constructsByAddress(stack).keys()].filter((a) => a.startsWith('aws_iam_user.'));
    writeSuppressionsToJson(stack, new Set([appliedKey('admin-access', address!)]));

    expect(suppressionsInSynthOutput(stack.toTerraform(), 'f').map((s) => s.resource)).toEqual([address]);
  });
});
