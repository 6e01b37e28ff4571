import { adminAccess } from './admin-access';
import { InventoryBuilder, policyFile, testRule } from './testing';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

function userWith(arn: string) {
  const b = new InventoryBuilder();
  b.attach(b.user('deployer'), { arn }, 'aws_iam_user_policy_attachment.admin');
  return b.inventory;
}

function resolvedAdministratorAccess() {
  // What the engine builds when the catalog resolves the attachment: reported once, at the attachment.
  const b = new InventoryBuilder();
  const arn = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const key = b.policy(doc({ Effect: 'Allow', Action: '*', Resource: '*' }), { kind: 'aws-managed', arn, resource: 'aws_iam_user_policy_attachment.admin' });
  b.attach(b.user('deployer'), { policy: key }, 'aws_iam_user_policy_attachment.admin');
  return b.inventory;
}

testRule(adminAccess, {
  valid: [
    { name: 'scoped actions on *', inventory: policyFile(doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' })) },
    { name: 'every action on one bucket', inventory: policyFile(doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::logs/*' })) },
    { name: 'service wildcard is not admin', inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })) },
    { name: 'deny of everything', inventory: policyFile(doc({ Effect: 'Deny', Action: '*', Resource: '*' })) },
    {
      name: 'Allow * minus an unconditional Deny * grants nothing',
      inventory: policyFile(doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*:*', Resource: '*' })),
    },
    {
      name: 'trust policies grant nothing',
      inventory: policyFile(doc({ Effect: 'Allow', Action: '*', Principal: { AWS: '*' } }), { kind: 'trust' }),
    },
    { name: 'other managed policies by ARN', inventory: userWith('arn:aws:iam::aws:policy/ReadOnlyAccess') },
    { name: 'a customer policy named AdministratorAccess', inventory: userWith('arn:aws:iam::210987654321:policy/AdministratorAccess') },
    { name: 'a customer policy named AdministratorAccess in a token account', inventory: userWith('arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/AdministratorAccess') },
  ],
  invalid: [
    {
      name: 'Action * on Resource *',
      inventory: policyFile(doc({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' })),
      errors: [{ messageId: 'allowAll', statement: 'All' }],
    },
    {
      name: '*:* is every action too',
      inventory: policyFile(doc({ Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: ['arn:aws:s3:::a', '*'] })),
      errors: [{ messageId: 'allowAll', statement: 0 }],
    },
    {
      name: 'arn:* is every resource',
      inventory: policyFile(doc({ Effect: 'Allow', Action: '*', Resource: 'arn:*' })),
      errors: [{ messageId: 'allowAll' }],
    },
    {
      name: 'NotResource leaves every resource but a few',
      inventory: policyFile(doc({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::audit-logs/*' })),
      errors: [{ messageId: 'allowAll', statement: 0 }],
    },
    {
      name: 'a Condition does not make it less than admin',
      inventory: policyFile(doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
      errors: [{ messageId: 'allowAll' }],
    },
    {
      name: 'a partial Deny leaves near-admin',
      inventory: policyFile(doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' })),
      errors: [{ messageId: 'allowAllMinusDeny', statement: 0 }],
    },
    {
      name: 'the statement line is used when known',
      inventory: (() => {
        const inv = policyFile(doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' }), { line: 1 });
        inv.policies[0]!.document!.statements[1]!.line = 9;
        return inv;
      })(),
      errors: [{ messageId: 'allowAll', statement: 1, line: 9 }],
    },
    {
      name: 'attached AdministratorAccess',
      inventory: userWith('arn:aws:iam::aws:policy/AdministratorAccess'),
      errors: [{ messageId: 'attachedAdmin', resource: 'aws_iam_user_policy_attachment.admin' }],
    },
    { name: 'in aws-us-gov', inventory: userWith('arn:aws-us-gov:iam::aws:policy/AdministratorAccess'), errors: [{ messageId: 'attachedAdmin' }] },
    { name: 'in aws-cn', inventory: userWith('arn:aws-cn:iam::aws:policy/AdministratorAccess'), errors: [{ messageId: 'attachedAdmin' }] },
    {
      // What the construct in modules/ synthesizes; found without the catalog.
      name: 'in the partition Terraform reads at apply',
      inventory: userWith('arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess'),
      errors: [{ messageId: 'attachedAdmin' }],
    },
    {
      name: 'resolved by the catalog, still one finding',
      inventory: resolvedAdministratorAccess(),
      errors: [{ messageId: 'attachedAdmin', resource: 'aws_iam_user_policy_attachment.admin' }],
    },
  ],
});
