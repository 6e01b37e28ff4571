import { describe, expect, it } from 'vitest';
import { passedToServiceTests, passesTo } from './conditions';

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
