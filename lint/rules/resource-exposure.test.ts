import { createCatalog } from '../catalog/aws-catalog';
import { resourceExposure } from './resource-exposure';
import { policyFile, testRule } from './testing';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*') => policyFile(doc({ Effect: 'Allow', Action, Resource }));

testRule(
  resourceExposure,
  {
    valid: [
      { name: 'a bucket policy on one bucket', inventory: allow('s3:PutBucketPolicy', 'arn:aws:s3:::site') },
      { name: 'reading policies', inventory: allow(['s3:GetBucketPolicy', 'kms:GetKeyPolicy']) },
    ],
    invalid: [
      { name: 's3:PutBucketPolicy on *', inventory: allow('s3:PutBucketPolicy'), errors: [{ messageId: 'onEveryResource', statement: 0 }] },
      { name: 'kms:PutKeyPolicy and lambda:AddPermission', inventory: allow(['kms:PutKeyPolicy', 'lambda:AddPermission']), errors: [{ messageId: 'onEveryResource' }] },
      { name: 'found after expansion (s3:Put*Policy)', inventory: allow('s3:Put*Policy'), errors: [{ messageId: 'onEveryResource' }] },
      {
        name: 'sharing a Redshift snapshot or datashare, a public function URL, a shared parameter',
        inventory: allow(['redshift:AuthorizeSnapshotAccess', 'redshift:AuthorizeDataShare', 'lambda:UpdateFunctionUrlConfig', 'ssm:PutResourcePolicy']),
        errors: [{ messageId: 'onEveryResource', message: /lambda:UpdateFunctionUrlConfig, redshift:AuthorizeDataShare, redshift:AuthorizeSnapshotAccess, ssm:PutResourcePolicy/ }],
      },
    ],
  },
  createCatalog(),
);
