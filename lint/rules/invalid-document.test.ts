import { invalidDocument } from './invalid-document';
import { InventoryBuilder, policyFile, testRule } from './testing';

const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };

function unparseable() {
  const b = new InventoryBuilder();
  b.unparseable('Unexpected token } at line 3 column 1', { resource: 'aws_iam_policy.broken' });
  return b.inventory;
}

testRule(invalidDocument, {
  valid: [
    { name: 'a well-formed identity policy', inventory: policyFile({ Version: '2012-10-17', Statement: [statement] }) },
    { name: 'Statement as one object', inventory: policyFile({ Version: '2012-10-17', Statement: statement }) },
    {
      name: 'a trust policy has no Resource',
      inventory: policyFile({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }] }, { kind: 'trust' }),
    },
    {
      name: 'a policy only Terraform can compute is not judged',
      inventory: (() => {
        const b = new InventoryBuilder();
        b.unresolved('${var.policy_json}', { kind: 'managed', resource: 'aws_iam_policy.from_var' });
        return b.inventory;
      })(),
    },
    { name: 'AWS managed documents are AWS\'s', inventory: policyFile({ Statement: [statement] }, { kind: 'aws-managed' }) },
  ],
  invalid: [
    { name: 'Version missing', inventory: policyFile({ Statement: [statement] }), errors: [{ messageId: 'problem', statement: null }] },
    { name: 'Version as a date of the wrong kind', inventory: policyFile({ Version: '2024-01-01', Statement: [statement] }), errors: [{ messageId: 'problem' }] },
    { name: 'Effect misspelt', inventory: policyFile({ Version: '2012-10-17', Statement: [{ ...statement, Sid: 'Read', Effect: 'allow' }] }), errors: [{ messageId: 'problem', statement: 'Read' }] },
    { name: 'no Action', inventory: policyFile({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }), errors: [{ messageId: 'problem', statement: 0 }] },
    { name: 'no Resource in an identity policy', inventory: policyFile({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket' }] }), errors: [{ messageId: 'problem', statement: 0 }] },
    {
      name: 'Condition that is not operator -> key -> values',
      inventory: policyFile({ Version: '2012-10-17', Statement: [{ ...statement, Condition: { StringEquals: 'aws:SourceIp' } }] }),
      errors: [{ messageId: 'problem', statement: 0 }],
    },
    { name: 'text that is not JSON', inventory: unparseable(), errors: [{ messageId: 'unparseable', resource: 'aws_iam_policy.broken' }] },
  ],
});
