import { createCatalog } from '../catalog/aws-catalog';
import { resourceMismatch } from './resource-mismatch';
import { describe, expect, it } from 'vitest';
import { policyFile, runRule, testRule } from './testing';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown) => policyFile(doc({ Effect: 'Allow', Action, Resource }));

testRule(
  resourceMismatch,
  {
    valid: [
      { name: 's3:GetObject on objects', inventory: allow('s3:GetObject', 'arn:aws:s3:::logs/*') },
      { name: 'bucket and object actions on both ARNs', inventory: allow(['s3:ListBucket', 's3:GetObject'], ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*']) },
      { name: 'a pattern where some actions fit', inventory: allow('s3:*', 'arn:aws:s3:::logs') },
      { name: 'Resource *', inventory: allow(['s3:GetObject', 'ec2:DescribeInstances'], '*') },
      { name: 'a whole Terraform reference is not judged', inventory: allow('s3:GetObject', '${aws_s3_bucket.logs.arn}') },
      { name: 'tokens inside an ARN', inventory: allow('s3:GetObject', 'arn:${data.aws_partition.p.partition}:s3:::${var.bucket}/*') },
      { name: 'an action that only takes * on an ARN spanning its service (AWS\'s own S3 example)', inventory: allow(['s3:ListAllMyBuckets', 's3:GetBucketLocation'], 'arn:aws:s3:::*') },
      { name: 'wildcards spanning path segments', inventory: allow('cloudformation:CreateStack', 'arn:aws:cloudformation:*:*:stack/app-*') },
    ],
    invalid: [
      { name: 's3:GetObject on a bucket ARN', inventory: allow('s3:GetObject', 'arn:aws:s3:::logs'), errors: [{ messageId: 'wrongType', statement: 0 }] },
      { name: 's3:ListBucket on objects', inventory: allow('s3:ListBucket', 'arn:aws:s3:::logs/*'), errors: [{ messageId: 'wrongType' }] },
      { name: 'an action of another service', inventory: allow('dynamodb:GetItem', 'arn:aws:s3:::logs/*'), errors: [{ messageId: 'wrongType' }] },
      { name: 'a pattern none of whose actions fit', inventory: allow('s3:GetObject*', 'arn:aws:s3:::logs'), errors: [{ messageId: 'wrongType' }] },
      {
        name: 'an action that only takes *',
        inventory: allow(['ec2:DescribeInstances', 'ec2:StartInstances'], 'arn:aws:ec2:eu-west-1:210987654321:instance/i-0abc'),
        errors: [{ messageId: 'needsStar' }],
      },
    ],
  },
  createCatalog(),
);

describe('resource-mismatch messages', () => {
  it('name at most five resources, then how many more, and report a repeated pattern once', () => {
    const arns = Array.from({ length: 7 }, (_, i) => `arn:aws:dynamodb:us-east-1:210987654321:table/t${i}`);
    const findings = runRule(
      resourceMismatch,
      policyFile({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObject'], Resource: arns }] }),
      createCatalog(),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('cannot act on arn:aws:dynamodb:us-east-1:210987654321:table/t0');
    expect(findings[0].message).toContain('table/t4 and 2 more: it takes');
  });
});
