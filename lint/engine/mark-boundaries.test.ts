import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../index';
import { InventoryBuilder } from '../rules/testing';
import { lintInventory } from './lint-inventory';
import { markBoundaries } from './mark-boundaries';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

/** A user that may create roles only with the boundary `name`, and the boundary: EC2 writes on every instance, and the example account. */
function roleCreatorAndBoundary(conditionValue: string, boundaryName = 'eks-role-boundary', kind: 'managed' | 'file' = 'managed') {
  const b = new InventoryBuilder();
  const creator = b.policy(
    doc({ Sid: 'Roles', Effect: 'Allow', Action: 'iam:CreateRole', Resource: 'arn:aws:iam::210987654321:role/eks-*', Condition: { StringEquals: { 'iam:PermissionsBoundary': conditionValue } } }),
    { kind: 'managed', name: 'creator', resource: 'aws_iam_policy.creator' },
  );
  b.attach(b.user('deployer'), { policy: creator });
  const boundary = b.policy(
    doc({ Sid: 'Nodes', Effect: 'Allow', Action: ['ec2:TerminateInstances', 'ec2:DescribeInstances'], Resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*' }),
    { kind, name: boundaryName, resource: kind === 'managed' ? 'aws_iam_policy.boundary' : undefined },
  );
  return { b, boundary };
}

const boundaryFindings = (b: InventoryBuilder) =>
  lintInventory(b.inventory)
    .findings.filter((f) => f.resource === 'aws_iam_policy.boundary' || f.file.endsWith('eks-role-boundary.json'))
    .map((f) => f.ruleId)
    .sort();

describe('markBoundaries', () => {
  it('marks a policy that a PermissionsBoundary condition names and nobody holds, by name, with a token or a path in the ARN', () => {
    for (const value of [
      'arn:aws:iam::210987654321:policy/eks-role-boundary',
      'arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:policy/eks-role-boundary',
      'arn:aws:iam::210987654321:policy/boundaries/eks-role-boundary',
    ]) {
      const { b, boundary } = roleCreatorAndBoundary(value);
      const marked = markBoundaries(b.inventory).policies.find((p) => p.key === boundary);
      expect(marked?.boundary, value).toBe(true);
    }
  });

  it('skips the grant rules on a boundary and keeps the rules about its document', () => {
    const { b } = roleCreatorAndBoundary('arn:aws:iam::210987654321:policy/eks-role-boundary');
    // The example account is still a mistake in a boundary, and so is ec2:DescribeInstances on named
    // instances (it takes only *); the EC2 writes are no one's grant.
    expect(boundaryFindings(b)).toEqual(['placeholder-account', 'resource-mismatch']);
  });

  it('judges resource-mismatch in a boundary: a wrong ARN type there takes the action from every role it caps', () => {
    const b = new InventoryBuilder();
    const creator = b.policy(
      doc({ Effect: 'Allow', Action: 'iam:CreateRole', Resource: 'arn:aws:iam::210987654321:role/app-*', Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::210987654321:policy/app-boundary' } } }),
      { kind: 'managed', name: 'creator', resource: 'aws_iam_policy.creator' },
    );
    b.attach(b.user('deployer'), { policy: creator });
    b.policy(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-data' }), { kind: 'managed', name: 'app-boundary', resource: 'aws_iam_policy.boundary' });
    expect(lintInventory(b.inventory).findings.filter((f) => f.resource === 'aws_iam_policy.boundary').map((f) => f.ruleId)).toEqual(['resource-mismatch']);
  });

  it('leaves a policy judged as a grant when someone holds it, when the condition names another (an AWS managed one of the same name too), or names it by a glob', () => {
    const held = roleCreatorAndBoundary('arn:aws:iam::210987654321:policy/eks-role-boundary');
    held.b.attach(held.b.user('ops'), { policy: held.boundary });
    expect(boundaryFindings(held.b)).toContain('write-without-constraint');
    for (const value of ['arn:aws:iam::210987654321:policy/other-boundary', 'arn:aws:iam::210987654321:policy/eks-*', 'arn:aws:iam::aws:policy/eks-role-boundary']) {
      const { b } = roleCreatorAndBoundary(value);
      expect(boundaryFindings(b), value).toContain('write-without-constraint');
    }
  });

  it('reads a boundary from a Deny unless it is set, and not from a test that refuses one', () => {
    const deny = (operator: string) => {
      const { b, boundary } = roleCreatorAndBoundary('arn:aws:iam::210987654321:policy/other');
      b.policy(doc({ Effect: 'Deny', Action: 'iam:CreateRole', Resource: '*', Condition: { [operator]: { 'iam:PermissionsBoundary': 'arn:aws:iam::210987654321:policy/eks-role-boundary' } } }), { kind: 'managed', name: 'guard' });
      return markBoundaries(b.inventory).policies.find((p) => p.key === boundary)?.boundary;
    };
    expect(deny('StringNotEquals')).toBe(true);
    expect(deny('ArnNotEqualsIfExists')).toBe(true);
    expect(deny('StringEquals')).toBeUndefined();
    const refused = roleCreatorAndBoundary('arn:aws:iam::210987654321:policy/eks-role-boundary');
    refused.b.inventory.policies[0]!.document!.statements[0]!.condition = { StringNotEquals: { 'iam:PermissionsBoundary': ['arn:aws:iam::210987654321:policy/eks-role-boundary'] } };
    expect(markBoundaries(refused.b.inventory).policies.find((p) => p.key === refused.boundary)?.boundary).toBeUndefined();
  });

  it('knows a policy file by its file name', () => {
    const { b, boundary } = roleCreatorAndBoundary('arn:aws:iam::210987654321:policy/eks-role-boundary', 'eks-role-boundary', 'file');
    expect(markBoundaries(b.inventory).policies.find((p) => p.key === boundary)?.boundary).toBe(true);
  });

  it("marks the policy a role's or user's permissions_boundary names, by reference or by ARN, in Terraform", async () => {
    const writes = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:TerminateInstances', Resource: '*' }] });
    const config = {
      resource: {
        aws_iam_policy: { cap: { name: 'app-cap', policy: writes }, named: { name: 'user-cap', policy: writes }, granted: { name: 'granted', policy: writes } },
        aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }), permissions_boundary: '${aws_iam_policy.cap.arn}' } },
        aws_iam_user: { ops: { name: 'ops', permissions_boundary: 'arn:aws:iam::210987654321:policy/user-cap' } },
        aws_iam_user_policy_attachment: { ops: { user: '${aws_iam_user.ops.name}', policy_arn: '${aws_iam_policy.granted.arn}' } },
      },
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'iam-lint-boundary-'));
    try {
      writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
      const result = await lint([dir]);
      const writesOn = result.findings.filter((f) => f.ruleId === 'write-without-constraint').map((f) => f.resource);
      // The two boundaries cap; only the attached policy grants.
      expect(writesOn).toEqual(['aws_iam_policy.granted']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
