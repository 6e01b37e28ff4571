import { describe, expect, it } from 'vitest';
import { readText } from './index';
import { RESOURCE_POLICY_SKIP_REASON } from './resource-policy';

const bucketPolicy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Site', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::www.example.com/*' },
    { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: 'arn:aws:s3:::www.example.com/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ],
};

describe('resource-based policy files', () => {
  it('skips a bucket policy with the reason, instead of judging it as an identity policy', () => {
    const read = readText('bucket-policy.json', JSON.stringify(bucketPolicy, null, 2));
    expect(read.inventory.policies).toEqual([]);
    expect(read.skipped).toEqual([{ file: 'bucket-policy.json', reason: RESOURCE_POLICY_SKIP_REASON }]);
    expect(read.errors).toEqual([]);
  });

  it('still reads a trust policy as one, and a document where only some statements name a Principal as an identity policy', () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    expect(readText('trust.json', JSON.stringify(trust)).inventory.policies.map((p) => p.kind)).toEqual(['trust']);
    const mixed = { Version: '2012-10-17', Statement: [bucketPolicy.Statement[0], { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] };
    const read = readText('mixed.json', JSON.stringify(mixed));
    expect(read.skipped).toEqual([]);
    expect(read.inventory.policies[0]?.document?.problems.map((p) => p.message)).toEqual([expect.stringMatching(/Principal/)]);
  });
});
