import { InventoryBuilder, testRule } from './testing';
import { userAttachedPolicy } from './user-attached-policy';

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

function through(kind: 'user' | 'group' | 'role', how: 'managed' | 'arn' | 'inline') {
  const b = new InventoryBuilder();
  const holder = b.principal(kind, 'holder');
  if (how === 'managed') b.attach(holder, { policy: b.policy(doc, { kind: 'managed', resource: 'aws_iam_policy.read' }) }, 'aws_iam_policy_attachment.read');
  if (how === 'arn') b.attach(holder, { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, 'aws_iam_policy_attachment.ro');
  if (how === 'inline') b.inline(holder, b.policy(doc, { kind: `inline-${kind}`, resource: `aws_iam_${kind}_policy.read`, name: 'read' }));
  return b.inventory;
}

testRule(userAttachedPolicy, {
  valid: [
    { name: 'managed policy on a group', inventory: through('group', 'managed') },
    { name: 'AWS managed policy on a group', inventory: through('group', 'arn') },
    { name: 'inline policy on a role', inventory: through('role', 'inline') },
    { name: 'inline policy on a group', inventory: through('group', 'inline') },
  ],
  invalid: [
    { name: 'managed policy on a user', inventory: through('user', 'managed'), errors: [{ messageId: 'attached', resource: 'aws_iam_policy_attachment.read' }] },
    { name: 'AWS managed policy on a user', inventory: through('user', 'arn'), errors: [{ messageId: 'attached', resource: 'aws_iam_policy_attachment.ro' }] },
    { name: 'inline policy on a user', inventory: through('user', 'inline'), errors: [{ messageId: 'inline', resource: 'aws_iam_user_policy.read' }] },
  ],
});
