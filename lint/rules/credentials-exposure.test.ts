import { createCatalog } from '../catalog/aws-catalog';
import { credentialsExposure } from './credentials-exposure';
import { policyFile, testRule } from './testing';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*') => policyFile(doc({ Effect: 'Allow', Action, Resource }));

testRule(
  credentialsExposure,
  {
    valid: [
      { name: 'self-service access keys', inventory: allow(['iam:CreateAccessKey', 'iam:UpdateAccessKey'], 'arn:aws:iam::*:user/${aws:username}') },
      { name: 'ecr:GetAuthorizationToken only takes *, so it cannot be scoped', inventory: allow('ecr:GetAuthorizationToken') },
      { name: 'sts:AssumeRole on one role', inventory: allow('sts:AssumeRole', 'arn:aws:iam::210987654321:role/deploy') },
    ],
    invalid: [
      { name: 'iam:CreateAccessKey on *', inventory: allow('iam:CreateAccessKey'), errors: [{ messageId: 'onEveryResource', statement: 0 }] },
      { name: 'sts:GetFederationToken and sts:AssumeRole on *', inventory: allow(['sts:GetFederationToken', 'sts:AssumeRole']), errors: [{ messageId: 'onEveryResource' }] },
      { name: 'found after expansion (redshift:GetClusterCredential*)', inventory: allow('redshift:GetClusterCredential*'), errors: [{ messageId: 'onEveryResource' }] },
      {
        name: "setting another user's password or SSH key, pushing a key to an instance, a Windows password",
        inventory: allow(['iam:UpdateLoginProfile', 'iam:UploadSSHPublicKey', 'ec2-instance-connect:SendSSHPublicKey', 'ec2:GetPasswordData']),
        errors: [{ messageId: 'onEveryResource', message: /ec2-instance-connect:SendSSHPublicKey, ec2:GetPasswordData, iam:UpdateLoginProfile, iam:UploadSSHPublicKey/ }],
      },
      { name: 'IAM database tokens for Aurora DSQL and ElastiCache, as rds-db:connect', inventory: allow(['dsql:DbConnectAdmin', 'elasticache:Connect']), errors: [{ messageId: 'onEveryResource', message: /dsql:DbConnectAdmin, elasticache:Connect/ }] },
    ],
  },
  createCatalog(),
);
