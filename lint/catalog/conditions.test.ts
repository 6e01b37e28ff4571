import { describe, expect, it } from 'vitest';
import { conditionConstrains, passedToServiceTests, passesTo } from './conditions';

describe('iam:PassedToService as the only constraint', () => {
  it('gives the services a role may be passed to, exact or as globs, in any case', () => {
    const exact = passedToServiceTests({ StringEquals: { 'iam:PassedToService': ['Lambda.amazonaws.com', 'ec2.amazonaws.com'] } });
    expect(exact).toEqual([{ values: ['lambda.amazonaws.com', 'ec2.amazonaws.com'], glob: false }]);
    expect(passesTo(exact ?? [], 'lambda.amazonaws.com')).toBe(true);
    expect(passesTo(exact ?? [], 'glue.amazonaws.com')).toBe(false);
    const like = passedToServiceTests({ StringLike: { 'iam:PassedToService': ['*.amazonaws.com'] } });
    expect(passesTo(like ?? [], 'sagemaker.amazonaws.com')).toBe(true);
    // An exact value is not a glob.
    expect(passesTo(passedToServiceTests({ StringEquals: { 'iam:PassedToService': ['*'] } }) ?? [], 'lambda.amazonaws.com')).toBe(false);
  });

  it('requires a service to pass every test of the key', () => {
    const tests = passedToServiceTests({ StringLike: { 'iam:PassedToService': ['*.amazonaws.com'] }, StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com'] } }) ?? [];
    expect(passesTo(tests, 'ec2.amazonaws.com')).toBe(true);
    expect(passesTo(tests, 'lambda.amazonaws.com')).toBe(false);
  });

  it('is null when the statement is unconstrained or another key constrains it too; keys that restrict nothing are ignored', () => {
    expect(passedToServiceTests(null)).toBeNull();
    expect(passedToServiceTests({ Bool: { 'aws:SecureTransport': ['true'] } })).toBeNull();
    expect(passedToServiceTests({ StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'], 'aws:ResourceTag/team': ['web'] } })).toBeNull();
    expect(passedToServiceTests({ StringNotEquals: { 'iam:PassedToService': ['ec2.amazonaws.com'] } })).toBeNull();
    expect(passedToServiceTests({ StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] }, Bool: { 'aws:SecureTransport': ['true'] } })).toEqual([
      { values: ['lambda.amazonaws.com'], glob: false },
    ]);
  });
});

describe('conditionConstrains', () => {
  it('counts keys that narrow who or what is reached', () => {
    expect(conditionConstrains({ StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com'] } })).toBe(true);
    expect(conditionConstrains({ StringEquals: { 'aws:ResourceTag/team': ['web'] } })).toBe(true);
  });
  it('does not count transport, place, time, MFA, IfExists, Null or a bare * test', () => {
    expect(conditionConstrains(null)).toBe(false);
    expect(conditionConstrains({ Bool: { 'aws:SecureTransport': ['true'] } })).toBe(false);
    expect(conditionConstrains({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] }, Bool: { 'aws:MultiFactorAuthPresent': ['true'] } })).toBe(false);
    expect(conditionConstrains({ StringEqualsIfExists: { 'aws:ResourceTag/team': ['web'] } })).toBe(false);
    expect(conditionConstrains({ Null: { 'aws:ResourceTag/team': ['false'] } })).toBe(false);
    expect(conditionConstrains({ StringLike: { 'iam:PassedToService': ['*'] } })).toBe(false);
  });
  it('does not count keys about the caller itself, only resource keys compared with them', () => {
    expect(conditionConstrains({ StringEquals: { 'aws:PrincipalTag/team': ['web'], 'aws:username': ['alice'] } })).toBe(false);
    expect(conditionConstrains({ StringEquals: { 'AWS:PrincipalOrgID': ['o-abc'] }, ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:user/a'] } })).toBe(false);
    expect(conditionConstrains({ StringEquals: { 'aws:ResourceTag/team': ['${aws:PrincipalTag/team}'] } })).toBe(true);
    expect(conditionConstrains({ Bool: { 'aws:PrincipalIsAWSService': ['true'] } })).toBe(true);
  });
  it('does not count ForAllValues (true when the key is absent) nor negated operators (everything but)', () => {
    expect(conditionConstrains({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } })).toBe(false);
    expect(conditionConstrains({ StringNotEquals: { 'iam:PassedToService': ['ec2.amazonaws.com'] } })).toBe(false);
    expect(conditionConstrains({ 'ForAnyValue:StringNotLike': { 'aws:TagKeys': ['team'] } })).toBe(false);
    expect(conditionConstrains({ ArnNotLike: { 'aws:SourceArn': ['arn:aws:sns:*:*:x'] } })).toBe(false);
    expect(conditionConstrains({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } })).toBe(true);
    expect(conditionConstrains({ StringNotEquals: { 'aws:ResourceTag/a': ['x'] }, ArnLike: { 'aws:SourceArn': ['arn:aws:sns:*:*:x'] } })).toBe(true);
  });
});
