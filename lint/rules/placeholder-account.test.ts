import { placeholderAccount } from './placeholder-account';
import { InventoryBuilder, policyFile, testRule } from './testing';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const on = (Resource: unknown) => policyFile(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource }));

function attachedByArn(arn: string) {
  const b = new InventoryBuilder();
  b.attach(b.user('ci'), { arn }, 'aws_iam_user_policy_attachment.ci');
  return b.inventory;
}

testRule(placeholderAccount, {
  valid: [
    { name: 'a real account id', inventory: on('arn:aws:iam::210987654321:role/deploy') },
    { name: 'S3 ARNs have no account', inventory: on(['arn:aws:s3:::invoices', 'arn:aws:s3:::invoices/*']) },
    { name: 'a Terraform interpolation is opaque', inventory: on('arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/x') },
    { name: 'a policy variable is opaque', inventory: on('arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}') },
    { name: 'a wildcard account', inventory: on('arn:aws:dynamodb:us-east-1:*:table/invoices') },
    { name: 'AWS managed ARNs', inventory: attachedByArn('arn:aws:iam::aws:policy/ReadOnlyAccess') },
    { name: 'a real account as a principal', inventory: policyFile(doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '210987654321' } }), { kind: 'trust' }) },
    {
      name: 'AWS managed documents are not templates',
      inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::<bucket>/*' }), { kind: 'aws-managed' }),
    },
  ],
  invalid: [
    {
      // 200,000 values: more than a function call takes as spread arguments.
      name: 'a documentation account among a huge list of condition values',
      inventory: policyFile(
        doc({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { StringEquals: { 'aws:ResourceAccount': [...Array.from({ length: 200_000 }, (_, i) => String(i)), '123456789012'] } },
        }),
      ),
      errors: [{ messageId: 'exampleAccount' }],
    },
    { name: 'documentation account in a resource', inventory: on('arn:aws:iam::123456789012:role/deploy'), errors: [{ messageId: 'exampleAccount', statement: 0 }] },
    { name: 'the other documentation account', inventory: on('arn:aws:sqs:us-east-1:111122223333:queue'), errors: [{ messageId: 'exampleAccount' }] },
    { name: '<ACCOUNT_ID> in the account field', inventory: on('arn:aws:iam::<ACCOUNT_ID>:role/deploy'), errors: [{ messageId: 'placeholderAccount' }] },
    { name: 'YOUR_ACCOUNT_ID', inventory: on('arn:aws:lambda:us-east-1:YOUR_ACCOUNT_ID:function:f'), errors: [{ messageId: 'placeholderAccount' }] },
    { name: 'ACCOUNT-ID', inventory: on('arn:aws-cn:iam::ACCOUNT-ID:role/x'), errors: [{ messageId: 'placeholderAccount' }] },
    { name: 'placeholder text in a bucket name', inventory: on('arn:aws:s3:::<your-bucket-name>/*'), errors: [{ messageId: 'placeholderText' }] },
    {
      name: "AWS's example bucket names",
      inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::amzn-s3-demo-bucket/*', 'arn:aws:s3:::DOC-EXAMPLE-BUCKET1/*', 'arn:aws:s3:::doc-example-notes/*'] })),
      errors: [
        { messageId: 'placeholderText', message: /"amzn-s3-demo-bucket"/ },
        { messageId: 'placeholderText', message: /"DOC-EXAMPLE-BUCKET1"/ },
      ],
    },
    {
      name: 'in a trust policy principal',
      inventory: policyFile(doc({ Sid: 'Trust', Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ['arn:aws:iam::123456789012:root'] } }), { kind: 'trust' }),
      errors: [{ messageId: 'exampleAccount', statement: 'Trust' }],
    },
    {
      name: 'in a condition value',
      inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } })),
      errors: [{ messageId: 'exampleAccount' }],
    },
    {
      name: 'each value once per statement',
      inventory: on(['arn:aws:iam::123456789012:role/a', 'arn:aws:iam::123456789012:role/a', 'arn:aws:iam::123456789012:role/b']),
      errors: [{ messageId: 'exampleAccount' }, { messageId: 'exampleAccount' }],
    },
    {
      name: 'a customer policy attached by an example ARN',
      inventory: attachedByArn('arn:aws:iam::123456789012:policy/deploy'),
      errors: [{ messageId: 'exampleAccount', resource: 'aws_iam_user_policy_attachment.ci' }],
    },
  ],
});
