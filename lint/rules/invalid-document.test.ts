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
    {
      name: 'condition operators with set prefixes, IfExists and any case',
      inventory: policyFile({
        Version: '2012-10-17',
        Statement: [
          {
            ...statement,
            Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'a*' }, stringequals: { 's3:prefix': 'x' }, Null: { 'aws:TagKeys': 'false' }, '${var.test}': { 's3:prefix': 'y' } },
          },
        ],
      }),
    },
    {
      name: 'Version 2008-10-17 with Terraform interpolation only',
      inventory: policyFile({ Version: '2008-10-17', Statement: [{ ...statement, Resource: 'arn:aws:s3:::${var.bucket}/*' }] }),
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
    {
      name: 'an unknown condition operator',
      inventory: policyFile({ Version: '2012-10-17', Statement: [{ ...statement, Sid: 'Typo', Condition: { StringEqualz: { 's3:prefix': 'home/' } } }] }),
      errors: [{ messageId: 'problem', statement: 'Typo', message: /StringEqualz .*did you mean StringEquals\?/ }],
    },
    {
      name: 'Null with IfExists',
      inventory: policyFile({ Version: '2012-10-17', Statement: [{ ...statement, Condition: { NullIfExists: { 'aws:TokenIssueTime': 'true' } } }] }),
      errors: [{ messageId: 'problem', statement: 0 }],
    },
    {
      name: 'a policy variable under Version 2008-10-17',
      inventory: policyFile({ Version: '2008-10-17', Statement: [{ ...statement, Resource: 'arn:aws:s3:::b/${aws:username}/*' }] }),
      errors: [{ messageId: 'problem', statement: 0, message: /\$\{aws:username\} is matched as written/ }],
    },
    { name: 'text that is not JSON', inventory: unparseable(), errors: [{ messageId: 'unparseable', resource: 'aws_iam_policy.broken' }] },
  ],
});
