import { describe, expect, it } from 'vitest';
import { createCatalog } from '../catalog/aws-catalog';
import { privilegeEscalation } from './privilege-escalation';
import { InventoryBuilder, policyFile, runRule, testRule } from './testing';

const catalog = createCatalog();
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*', Condition?: unknown) =>
  policyFile(doc({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) }));

function managed(name: string) {
  const resolved = catalog.managedPolicy(`arn:aws:iam::aws:policy/${name}`);
  if (!resolved) throw new Error(`${name} is not in the managed policy data`);
  const b = new InventoryBuilder();
  b.inventory.policies.push({
    key: name,
    kind: 'aws-managed',
    origin: { file: 'stack/cdk.tf.json', resource: 'aws_iam_user_policy_attachment.a', pointer: null, line: null },
    name,
    arn: `arn:aws:iam::aws:policy/${name}`,
    document: resolved.document,
    parseError: null,
  });
  return b.inventory;
}

testRule(
  privilegeEscalation,
  {
    valid: [
      { name: 'read-only IAM', inventory: allow(['iam:Get*', 'iam:List*']) },
      { name: 'iam:PassRole restricted to a service', inventory: allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }) },
      { name: 'iam:PassRole on named roles', inventory: allow('iam:PassRole', 'arn:aws:iam::210987654321:role/eksctl-*') },
      {
        name: 'iam:PassRole on * under a Deny of PassRole on every role but one: only that role can be passed',
        inventory: policyFile(
          doc(
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
            { Effect: 'Deny', Action: 'iam:PassRole', NotResource: 'arn:aws:iam::210987654321:role/app-lambda' },
          ),
        ),
      },
      {
        name: "access keys on * under a Deny of them on every user but the caller's own: self-service",
        inventory: policyFile(
          doc(
            { Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:UpdateAccessKey'], Resource: '*' },
            { Effect: 'Deny', Action: ['iam:CreateAccessKey', 'iam:UpdateAccessKey'], NotResource: 'arn:aws:iam::*:user/${aws:username}' },
          ),
        ),
      },
      {
        name: 'iam:PassRole to EC2 with Lambda create and invoke: the role cannot reach the function',
        inventory: policyFile(
          doc(
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
            { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
          ),
        ),
      },
      {
        name: 'iam:PassRole to Lambda under a second constraint (a resource tag): constrained as any grant',
        inventory: policyFile(
          doc(
            {
              Effect: 'Allow',
              Action: 'iam:PassRole',
              Resource: '*',
              Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com', 'aws:ResourceTag/team': 'web' } },
            },
            { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
          ),
        ),
      },
      {
        name: 'self-service keys and passwords on user/${aws:username}',
        inventory: allow(['iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile', 'iam:ChangePassword'], 'arn:aws:iam::*:user/${aws:username}'),
      },
      { name: 'iam:* minus an unconditional Deny of iam:*', inventory: policyFile(doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' })) },
      { name: 'lambda:CreateFunction without iam:PassRole', inventory: allow(['lambda:CreateFunction', 'lambda:InvokeFunction']) },
      { name: 'ReadOnlyAccess', inventory: managed('ReadOnlyAccess') },
      { name: 'ViewOnlyAccess', inventory: managed('job-function/ViewOnlyAccess') },
    ],
    invalid: [
      { name: 'iam:CreatePolicyVersion', inventory: allow('iam:CreatePolicyVersion'), errors: [{ messageId: 'escalation', statement: 0 }] },
      { name: 'iam:Put* (not only iam:*)', inventory: allow('iam:Put*'), errors: [{ messageId: 'escalation' }] },
      { name: 'iam:*', inventory: allow('iam:*'), errors: [{ messageId: 'escalation' }] },
      { name: '*', inventory: allow('*'), errors: [{ messageId: 'escalation' }] },
      { name: 'iam:PassRole on * without iam:PassedToService', inventory: allow('iam:PassRole'), errors: [{ messageId: 'escalation' }] },
      {
        name: 'a Condition that restricts nothing',
        inventory: allow('iam:PassRole', '*', { Bool: { 'aws:SecureTransport': 'true' } }),
        errors: [{ messageId: 'escalation' }],
      },
      {
        name: 'iam:PassRole on a named role and on *',
        inventory: allow('iam:PassRole', ['arn:aws:iam::210987654321:role/app', '*']),
        errors: [{ messageId: 'escalation' }],
      },
      {
        // The holder's own function runs with any role it passes: the Condition names the very service.
        name: 'iam:PassRole limited to Lambda, with lambda:CreateFunction and InvokeFunction',
        inventory: policyFile(
          doc(
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
            { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
          ),
        ),
        errors: [{ messageId: 'escalation', statement: 0, message: /PassRoleToNewLambdaThenInvoke/ }],
      },
      {
        name: 'iam:PassRole to *.amazonaws.com (StringLike) with ec2:RunInstances',
        inventory: policyFile(
          doc(
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } } },
            { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
          ),
        ),
        errors: [{ messageId: 'escalation', message: /PassRoleToNewEC2Instance/ }],
      },
      {
        name: 'iam:PassRole to every service but one (StringNotEquals)',
        inventory: allow('iam:PassRole', '*', { StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }),
        errors: [{ messageId: 'escalation' }],
      },
      {
        name: 'attaching or writing policies to oneself (user/${aws:username})',
        inventory: allow(['iam:AttachUserPolicy', 'iam:PutUserPolicy', 'iam:CreateAccessKey'], 'arn:aws:iam::*:user/${aws:username}'),
        errors: [{ messageId: 'escalation', message: /AttachUserPolicy .*PutUserPolicy/ }],
      },
      { name: 'CreateAccessKey on another user', inventory: allow('iam:CreateAccessKey', 'arn:aws:iam::210987654321:user/admin'), errors: [{ messageId: 'escalation' }] },
      {
        name: 'PassRole + lambda create and invoke across statements, reported at PassRole',
        inventory: policyFile(doc({ Sid: 'Lambda', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' }, { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })),
        errors: [{ messageId: 'escalation', statement: 'Pass' }],
      },
      { name: 'IAMFullAccess', inventory: managed('IAMFullAccess'), errors: [{ messageId: 'escalation', resource: 'aws_iam_user_policy_attachment.a' }] },
    ],
  },
  catalog,
);

function userHolding(...documents: unknown[]) {
  const b = new InventoryBuilder();
  const user = b.user('deployer');
  const group = b.principal('group', 'ops');
  b.member(user, group);
  documents.forEach((d, i) => {
    const key = b.policy(d, { kind: 'managed', resource: `aws_iam_policy.p${i}` });
    if (i === 0) b.inline(user, key);
    else b.attach(group, { policy: key });
  });
  return b.inventory;
}

describe('privilege-escalation across the policies one principal holds', () => {
  it('reports a path that only the policies together open, at the principal', () => {
    const inventory = userHolding(
      doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/x': 'y' } } }),
      doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/*' }),
    );
    // Each policy opens PassRole alone already: reported per document, not again per principal.
    expect(runRule(privilegeEscalation, inventory, catalog).map((f) => f.messageId)).toEqual(['escalation']);

    const split = userHolding(
      doc({ Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' }),
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }, { Effect: 'Allow', Action: 'iam:UpdateAssumeRolePolicy', Resource: 'arn:aws:iam::*:role/*' }),
    );
    expect(runRule(privilegeEscalation, split, catalog).map((f) => f.messageId)).toEqual(['escalation']);

    const together = userHolding(
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }),
      doc({ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: 'arn:aws:iam::*:role/*' }),
    );
    const findings = runRule(privilegeEscalation, together, catalog);
    expect(findings.map((f) => [f.messageId, f.origin.resource])).toEqual([['escalationAcrossPolicies', 'aws_iam_user.deployer']]);
    expect(findings[0].message).toContain('AttachRolePolicy (iam:AttachRolePolicy + sts:AssumeRole)');
    expect(findings[0].message).toContain('aws_iam_policy.p0, aws_iam_policy.p1');
  });
});

describe('privilege-escalation messages', () => {
  it('names the path', () => {
    const [finding] = runRule(privilegeEscalation, allow('iam:CreatePolicyVersion'), catalog);
    expect(finding.message).toContain('CreateNewPolicyVersion (iam:CreatePolicyVersion)');
  });
  it('names the combined path for PassRole + compute', () => {
    const [finding] = runRule(privilegeEscalation, allow(['iam:PassRole', 'ec2:RunInstances'], '*', { StringEquals: { 'aws:ResourceTag/x': 'y' } }), catalog);
    expect(finding).toBeUndefined();
    const [open] = runRule(privilegeEscalation, allow(['iam:PassRole', 'glue:CreateDevEndpoint']), catalog);
    expect(open.message).toContain('PassRoleToNewGlueDevEndpoint (iam:PassRole + glue:CreateDevEndpoint)');
  });
});
