import { createCatalog } from '../catalog/aws-catalog';
import { dataExfiltration } from './data-exfiltration';
import { policyFile, testRule } from './testing';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*', Condition?: unknown) =>
  policyFile(doc({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) }));

testRule(
  dataExfiltration,
  {
    valid: [
      { name: 'reads of named objects and secrets', inventory: allow(['s3:GetObject', 'secretsmanager:GetSecretValue'], ['arn:aws:s3:::logs/*', 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:app-*']) },
      { name: 'listing is not reading data', inventory: allow(['s3:ListAllMyBuckets', 'ssm:DescribeParameters']) },
      { name: 'a resource-tag Condition', inventory: allow('ssm:GetParameter', '*', { StringEquals: { 'aws:ResourceTag/app': 'web' } }) },
    ],
    invalid: [
      { name: 's3:GetObject on *', inventory: allow('s3:GetObject'), errors: [{ messageId: 'onEveryResource', statement: 0 }] },
      { name: 'found after expansion (ssm:GetParameter*)', inventory: allow('ssm:GetParameter*'), errors: [{ messageId: 'onEveryResource' }] },
      { name: 'secrets on arn:aws:secretsmanager:*:*:secret:*', inventory: allow('secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:*:secret:*'), errors: [{ messageId: 'onEveryResource' }] },
      { name: 'kms:Decrypt via kms:*', inventory: allow('kms:*'), errors: [{ messageId: 'onEveryResource' }] },
      {
        name: 'reads through PartiQL, table and RDS snapshot exports, an image pull and a snapshot block',
        inventory: allow(['dynamodb:PartiQLSelect', 'dynamodb:ExportTableToPointInTime', 'rds:StartExportTask', 'ecr:BatchGetImage', 'ebs:GetSnapshotBlock']),
        errors: [{ messageId: 'onEveryResource', message: /dynamodb:ExportTableToPointInTime, dynamodb:PartiQLSelect, ebs:GetSnapshotBlock, ecr:BatchGetImage, rds:StartExportTask\./ }],
      },
      { name: 'secrets in Lambda environments and Glue connections', inventory: allow(['lambda:GetFunctionConfiguration', 'glue:GetConnection']), errors: [{ messageId: 'onEveryResource', message: /glue:GetConnection, lambda:GetFunctionConfiguration/ }] },
    ],
  },
  createCatalog(),
);
