import { describe, expect, it } from 'vitest';
import type { Severity } from '../model/types';
import { createCatalog } from '../catalog/aws-catalog';
import { policyFile, testRule } from './testing';
import { writeWithoutConstraint } from './write-without-constraint';

const catalog = createCatalog();
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*', Condition?: unknown) =>
  policyFile(doc({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) }));

testRule(
  writeWithoutConstraint,
  {
    valid: [
      { name: 'reads on *', inventory: allow(['s3:GetObject', 'ec2:DescribeInstances']) },
      { name: 'writes on named resources', inventory: allow('s3:PutObject', 'arn:aws:s3:::logs/*') },
      { name: 'writes under a resource-tag Condition', inventory: allow('ec2:TerminateInstances', '*', { StringEquals: { 'aws:ResourceTag/team': 'web' } }) },
      { name: 'actions that only take * cannot be scoped', inventory: allow(['xray:PutTraceSegments', 'ssm:CreateOpsItem']) },
      { name: 'misleading access levels (iot:ListSubscriptions is "Write")', inventory: allow('iot:ListSubscriptions') },
      { name: 'service wildcards are full-service-access', inventory: allow('s3:*') },
      { name: 'a pattern that lists all of a service without `:*` is full-service-access too', inventory: allow('sqs:*e*') },
      { name: 'patterns that together list a whole service are full-service-access', inventory: allow(['sqs:*e*', 'sqs:*']) },
      { name: '* is admin-access', inventory: allow('*') },
      { name: 'risk-class actions are their rules (kms:Decrypt data-exfiltration, iam:CreateAccessKey credentials-exposure)', inventory: allow(['kms:Decrypt', 'iam:CreateAccessKey']) },
      { name: 'NotAction is not-action-allow', inventory: policyFile(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })) },
      {
        name: 'a Deny that takes the write away',
        inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }, { Effect: 'Deny', Action: 's3:Put*', Resource: '*' })),
      },
    ],
    invalid: [
      { name: 'a write on *', inventory: allow('s3:PutObject'), errors: [{ messageId: 'writeOnEveryResource', statement: 0 }] },
      { name: 'a pattern of writes on *', inventory: allow('ec2:Terminate*'), errors: [{ messageId: 'writeOnEveryResource' }] },
      { name: 'permissions management on arn:aws:iam::*:role/*', inventory: allow('iam:AttachRolePolicy', 'arn:aws:iam::*:role/*'), errors: [{ messageId: 'writeOnEveryResource' }] },
      {
        // The Deny makes S3 not whole, so full-service-access stays silent: the writes left are reported here.
        name: '`s3:*` less a Deny of one action: the remaining writes',
        inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' })),
        errors: [{ messageId: 'writeOnEveryResource', statement: 0, message: /allows \d{2,} write .*: s3:/ }],
      },
      {
        name: 'a whole service and writes of another: only the other is reported here',
        inventory: allow(['sqs:*', 'sns:Publish']),
        errors: [{ messageId: 'writeOnEveryResource', message: /allows 1 write .*sns:Publish/ }],
      },
      {
        name: 'risk-class actions beside other writes: only the others are reported here',
        inventory: allow(['kms:Decrypt', 's3:PutObject']),
        errors: [{ messageId: 'writeOnEveryResource', message: /allows 1 write .*: s3:PutObject\./ }],
      },
      {
        name: 'a Condition that restricts nothing (aws:SecureTransport, aws:RequestedRegion)',
        inventory: allow('s3:DeleteBucket', '*', { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
        errors: [{ messageId: 'writeOnEveryResource' }],
      },
    ],
  },
  catalog,
);

describe('write-without-constraint and the risk-class rules', () => {
  const noPresets = { names: () => [], document: () => null, declaredFor: () => null };
  const messages = (enabledRules: string[], severity: (id: string) => Severity = () => 'warning') =>
    writeWithoutConstraint
      .check({ inventory: allow(['kms:Decrypt', 'iam:CreateAccessKey']), catalog, presets: noPresets, enabledRules: new Map(enabledRules.map((id) => [id, severity(id)])) })
      .map((f) => f.message);

  it('reports a risk-class action itself when that class\'s rule is turned off', () => {
    expect(messages(['write-without-constraint', 'data-exfiltration'])).toEqual([expect.stringMatching(/allows 1 write .*: iam:CreateAccessKey\./)]);
    expect(messages(['write-without-constraint'])).toEqual([expect.stringMatching(/allows 2 write .*: iam:CreateAccessKey, kms:Decrypt\./)]);
    expect(messages(['write-without-constraint', 'data-exfiltration', 'credentials-exposure'])).toEqual([]);
  });

  it('reports them itself when their rule runs at a lower severity, so a config never lowers a write on every resource to info', () => {
    const infoExfiltration = (id: string): Severity => (id === 'data-exfiltration' ? 'info' : 'warning');
    expect(messages(['write-without-constraint', 'data-exfiltration', 'credentials-exposure'], infoExfiltration)).toEqual([expect.stringMatching(/allows 1 write .*: kms:Decrypt\./)]);
    const errorRisks = (id: string): Severity => (id === 'write-without-constraint' ? 'warning' : 'error');
    expect(messages(['write-without-constraint', 'data-exfiltration', 'credentials-exposure'], errorRisks)).toEqual([]);
  });
});
