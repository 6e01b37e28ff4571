/**
 * What cdktf really renders (token syntax, jsonencode, data source blocks), read back.
 */
import { App, Fn, TerraformStack, Testing } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserPolicyAttachment } from '@cdktf/provider-aws/lib/iam-user-policy-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { describe, expect, it } from 'vitest';
import { readText } from './index';

function synthesized(): string {
  const app = new App();
  const stack = new TerraformStack(app, 'reader');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const user = new IamUser(stack, 'user', { name: 'deployer', tags: { 'iam-preset': 'deploy' } });
  const bucketPolicy = new IamPolicy(stack, 'buckets', {
    name: 'buckets',
    policy: Fn.jsonencode({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${user.name}-data/*`] }],
    }),
  });
  const doc = new DataAwsIamPolicyDocument(stack, 'doc', {
    statement: [
      { sid: 'Queues', actions: ['sqs:SendMessage'], resources: ['*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }] },
    ],
  });
  const fromDoc = new IamPolicy(stack, 'from-doc', { name: 'from-doc', policy: doc.json });
  const trust = new DataAwsIamPolicyDocument(stack, 'trust', {
    statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }],
  });
  new IamRole(stack, 'role', { name: 'fn', assumeRolePolicy: trust.json });
  new IamUserPolicyAttachment(stack, 'attach-buckets', { user: user.name, policyArn: bucketPolicy.arn });
  new IamUserPolicyAttachment(stack, 'attach-doc', { user: user.name, policyArn: fromDoc.arn });
  return Testing.synth(stack);
}

describe('cdktf synthesized stacks', () => {
  const result = readText('cdktf.out/stacks/reader/cdk.tf.json', synthesized());
  const policies = new Map(result.inventory.policies.map((p) => [p.name, p]));

  it('reads the stack without errors, with the user and its tags', () => {
    expect(result.errors).toEqual([]);
    expect(result.inventory.principals.filter((p) => p.kind === 'user').map((p) => [p.name, p.tags])).toEqual([['deployer', { 'iam-preset': 'deploy' }]]);
  });

  it('evaluates Fn.jsonencode, keeping the user name reference opaque', () => {
    const statement = policies.get('buckets')?.document?.statements[0];
    expect(statement?.actions).toEqual(['s3:GetObject']);
    expect(statement?.resources).toEqual(['arn:aws:s3:::${aws_iam_user.user.name}-data/*']);
  });

  it('reads data source documents where they are used, trust policies included', () => {
    expect(policies.get('from-doc')?.document?.statements[0]).toMatchObject({ sid: 'Queues', actions: ['sqs:SendMessage'], condition: { Bool: { 'aws:SecureTransport': ['true'] } } });
    const trust = result.inventory.policies.find((p) => p.kind === 'trust');
    expect(trust?.document?.statements[0]?.principal).toEqual({ Service: ['lambda.amazonaws.com'] });
    expect(trust?.document?.problems).toEqual([]);
  });

  it('links both attachments to the user by reference', () => {
    const user = result.inventory.principals.find((p) => p.name === 'deployer')?.key;
    expect(result.inventory.attachments.map((a) => [a.principal, policiesByKey(a.policy)])).toEqual([
      [user, 'buckets'],
      [user, 'from-doc'],
    ]);
  });

  function policiesByKey(key: string | null): string | null | undefined {
    return result.inventory.policies.find((p) => p.key === key)?.name;
  }
});
