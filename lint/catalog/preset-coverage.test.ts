import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../model/parse-document';
import { createCatalog } from './aws-catalog';
import { documentGrants } from './grants';
import { actionsBeyondPresets } from './preset-coverage';

const catalog = createCatalog();
const doc = (...Statement: unknown[]) => parsePolicyDocument({ Version: '2012-10-17', Statement });
const preset = doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:${Partition}:s3:::site-*/*' });
const other = doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' });

describe('actionsBeyondPresets', () => {
  it('lists the actions no preset statement covers, sorted', () => {
    const [grant] = documentGrants(doc({ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::site-a/*' }), catalog);
    expect(actionsBeyondPresets(grant, [preset], catalog)).toEqual(['s3:DeleteObject']);
  });

  it('needs the resources covered too: the same actions on another bucket are all beyond', () => {
    const [grant] = documentGrants(doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::logs/*' }), catalog);
    expect(actionsBeyondPresets(grant, [preset], catalog)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(actionsBeyondPresets(grant, [preset, other], catalog)).toEqual(['s3:GetObject']);
  });

  it('answers once per grant and preset list: thousands of users holding one policy share the answer', () => {
    const [grant] = documentGrants(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), catalog);
    const first = actionsBeyondPresets(grant, [preset], catalog);
    expect(first.length).toBeGreaterThan(15_000);
    expect(actionsBeyondPresets(grant, [preset], catalog)).toBe(first);
    expect(actionsBeyondPresets(grant, [preset, other], catalog)).not.toBe(first);
  });

  it('reads a placeholder in a preset Condition value as one ARN field: the stack writes a token there, a plan the value', () => {
    const boundary = { StringEquals: { 'iam:PermissionsBoundary': 'arn:${Partition}:iam::${AccountId}:policy/eks-role-boundary' } };
    const bounded = doc({ Effect: 'Allow', Action: 'iam:CreateRole', Resource: 'arn:${Partition}:iam::${AccountId}:role/eksctl-*', Condition: boundary });
    const beyond = (value: string) => {
      const user = doc({
        Effect: 'Allow',
        Action: 'iam:CreateRole',
        Resource: 'arn:aws:iam::210987654321:role/eksctl-*',
        Condition: { StringEquals: { 'iam:PermissionsBoundary': value } },
      });
      return actionsBeyondPresets(documentGrants(user, catalog)[0], [bounded], catalog);
    };
    expect(beyond('arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:policy/eks-role-boundary')).toEqual([]);
    expect(beyond('arn:aws:iam::210987654321:policy/eks-role-boundary')).toEqual([]);
    // Another boundary, any account, or a path that hides one field in another are not the preset's.
    expect(beyond('arn:aws:iam::210987654321:policy/admin')).toEqual(['iam:CreateRole']);
    expect(beyond('arn:aws:iam::*:policy/eks-role-boundary')).toEqual(['iam:CreateRole']);
    expect(beyond('arn:aws:iam::210987654321:policy/x:policy/eks-role-boundary')).toEqual(['iam:CreateRole']);
  });

  it('reads a preset value under a Like operator as a glob: a narrower value, or part of the list, is covered', () => {
    const policies = ['arn:*:iam::aws:policy/AmazonS3FullAccess', 'arn:*:iam::aws:policy/AmazonEC2ReadOnlyAccess'];
    const presetUnder = (operator: string) =>
      doc({ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: 'arn:${Partition}:iam::${AccountId}:role/automate-*', Condition: { [operator]: { 'iam:PolicyARN': policies } } });
    const beyond = (values: string[], operator = 'ArnLike', presetOperator = operator) => {
      const user = doc({ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: 'arn:aws:iam::210987654321:role/automate-*', Condition: { [operator]: { 'iam:PolicyARN': values } } });
      return actionsBeyondPresets(documentGrants(user, catalog)[0], [presetUnder(presetOperator)], catalog);
    };
    expect(beyond(policies)).toEqual([]);
    expect(beyond(['arn:aws:iam::aws:policy/AmazonS3FullAccess'])).toEqual([]);
    expect(beyond(['arn:aws:iam::aws:policy/AmazonS3FullAccess'], 'ArnEquals')).toEqual([]);
    expect(beyond(['arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonS3FullAccess'], 'ForAnyValue:ArnLikeIfExists')).toEqual([]);
    // Another policy, a wider one, a `*` that crosses an ARN field, another operator: not the preset's.
    expect(beyond(['arn:aws:iam::aws:policy/AdministratorAccess'])).toEqual(['iam:AttachRolePolicy']);
    expect(beyond(['arn:aws:iam::aws:policy/Amazon*'])).toEqual(['iam:AttachRolePolicy']);
    expect(beyond(['arn:aws:iam::aws:policy/x:iam::aws:policy/AmazonS3FullAccess'])).toEqual(['iam:AttachRolePolicy']);
    expect(beyond(['arn:aws:iam::aws:policy/AmazonS3FullAccess'], 'StringEquals', 'ArnLike')).toEqual(['iam:AttachRolePolicy']);
    // Negated, a narrower value excludes less; without a Like operator `*` is no wildcard.
    expect(beyond(['arn:aws:iam::aws:policy/AmazonS3FullAccess'], 'ArnNotLike')).toEqual(['iam:AttachRolePolicy']);
    expect(beyond(['arn:aws:iam::aws:policy/AmazonS3FullAccess'], 'StringEquals')).toEqual(['iam:AttachRolePolicy']);
    const onlyS3 = doc({ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { StringEquals: { 'iam:PolicyARN': policies[0] } } });
    const userOf = (value: string) => documentGrants(doc({ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { StringEquals: { 'iam:PolicyARN': value } } }), catalog)[0];
    expect(actionsBeyondPresets(userOf('arn:aws:iam::aws:policy/AmazonS3FullAccess'), [onlyS3], catalog)).toEqual(['iam:AttachRolePolicy']);
    expect(actionsBeyondPresets(userOf(policies[0]!), [onlyS3], catalog)).toEqual([]);
  });

  it('reads a String Like glob over the whole value, and a preset ? as one character but not the user\'s *', () => {
    const presetStack = doc({ Effect: 'Allow', Action: 'ec2:DeleteLaunchTemplate', Resource: '*', Condition: { StringLike: { 'aws:ResourceTag/aws:cloudformation:stack-name': ['eksctl-*', 'app-?'] } } });
    const beyond = (value: string) =>
      actionsBeyondPresets(
        documentGrants(doc({ Effect: 'Allow', Action: 'ec2:DeleteLaunchTemplate', Resource: '*', Condition: { StringLike: { 'aws:ResourceTag/aws:cloudformation:stack-name': value } } }), catalog)[0],
        [presetStack],
        catalog,
      );
    for (const covered of ['eksctl-prod-*', 'eksctl-a:b/c', 'app-1', 'app-?']) expect(beyond(covered), covered).toEqual([]);
    for (const wider of ['*', 'eks*', 'app-*', 'app-12']) expect(beyond(wider), wider).toEqual(['ec2:DeleteLaunchTemplate']);
  });
});
