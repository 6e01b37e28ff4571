import { describe, expect, it } from 'vitest';
import type { PolicyRecord } from '../model/types';
import { policyLabel } from './policy-label';

const record = (over: Partial<PolicyRecord>) => ({ kind: 'managed', name: null, arn: null, key: 'main.tf.json::aws_iam_policy.p', ...over }) as PolicyRecord;

describe('policyLabel', () => {
  it('names an AWS managed policy, and a role inline_policy block by its name or number', () => {
    expect(policyLabel(record({ kind: 'aws-managed', name: 'ReadOnlyAccess' }))).toBe('AWS managed policy ReadOnlyAccess: ');
    expect(policyLabel(record({ kind: 'inline-role', name: 'reads', key: 'main.tf.json::aws_iam_role.r/inline_policy/1' }))).toBe('inline policy reads: ');
    expect(policyLabel(record({ kind: 'inline-role', key: 'main.tf.json::aws_iam_role.r/inline_policy/0' }))).toBe('inline policy #0: ');
  });

  it('leaves a policy with an address of its own unnamed', () => {
    expect(policyLabel(record({}))).toBe('');
    expect(policyLabel(record({ kind: 'inline-role', name: 'reads', key: 'main.tf.json::aws_iam_role_policy.reads' }))).toBe('');
  });
});
