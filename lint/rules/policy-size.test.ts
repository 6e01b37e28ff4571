import { policySize } from './policy-size';
import { InventoryBuilder, policyFile, testRule } from './testing';

/** A document of about `chars` characters without white space. */
function sized(chars: number) {
  const resources: string[] = [];
  // Each ARN adds its length plus two quotes and a comma.
  for (let i = 0; resources.join('","').length < chars - 80; i++) resources.push(`arn:aws:s3:::bucket-${String(i).padStart(6, '0')}/*`);
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }] };
}

const PARTITION = '${data.aws_partition.current.partition}';

/** A managed policy with `count` ARNs in the stack's partition, as the construct synthesizes them. */
function withPartitionTokens(count: number) {
  const resources = Array.from({ length: count }, (_, i) => `arn:${PARTITION}:s3:::bucket-${String(i).padStart(6, '0')}/*`);
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }] };
}

function inlineOnUser(...sizes: number[]) {
  const b = new InventoryBuilder();
  const u = b.user('scanner');
  sizes.forEach((s, i) => b.inline(u, b.policy(sized(s), { kind: 'inline-user', resource: `aws_iam_user_policy.p${i}` })));
  return b.inventory;
}

testRule(policySize, {
  valid: [
    { name: 'managed policy under 6,144', inventory: policyFile(sized(6000), { kind: 'managed' }) },
    { name: 'white space is not counted', inventory: policyFile(sized(6000), { kind: 'managed', text: JSON.stringify(sized(6000), null, 8) }) },
    { name: 'role inline policy of 9,000 fits 10,240', inventory: policyFile(sized(9000), { kind: 'inline-role' }) },
    { name: 'permission set inline policy of 10,000 fits 10,240', inventory: policyFile(sized(10000), { kind: 'permission-set' }) },
    { name: 'group inline policy of 5,000', inventory: policyFile(sized(5000), { kind: 'inline-group' }) },
    { name: 'two user inline policies of 900 each', inventory: inlineOnUser(900, 900) },
    { name: 'AWS managed policies are AWS\'s business', inventory: policyFile(sized(9000), { kind: 'aws-managed' }) },
    // 150 ARNs: 9,000+ characters as written, 5,700 once the partition is at most `aws-us-gov`.
    { name: 'interpolated partitions are measured at their longest value, not as written', inventory: policyFile(withPartitionTokens(150), { kind: 'managed' }) },
    { name: 'policy_document blocks are measured where used', inventory: policyFile(sized(9000), { kind: 'document' }) },
  ],
  invalid: [
    { name: 'managed policy over 6,144', inventory: policyFile(sized(6300), { kind: 'managed', resource: 'aws_iam_policy.big' }), errors: [{ messageId: 'tooLarge', resource: 'aws_iam_policy.big' }] },
    { name: 'over 6,144 even with the partition at its longest', inventory: policyFile(withPartitionTokens(170), { kind: 'managed' }), errors: [{ messageId: 'tooLarge' }] },
    { name: 'user inline policy over 2,048', inventory: policyFile(sized(2200), { kind: 'inline-user' }), errors: [{ messageId: 'tooLarge' }] },
    { name: 'group inline over 5,120', inventory: policyFile(sized(5300), { kind: 'inline-group' }), errors: [{ messageId: 'tooLarge' }] },
    { name: 'role inline over 10,240', inventory: policyFile(sized(10400), { kind: 'inline-role' }), errors: [{ messageId: 'tooLarge' }] },
    {
      name: "an Identity Center permission set's inline policy over 10,240 (the role it becomes)",
      inventory: policyFile(sized(10400), { kind: 'permission-set', resource: 'aws_ssoadmin_permission_set_inline_policy.ps' }),
      errors: [{ messageId: 'tooLarge', resource: 'aws_ssoadmin_permission_set_inline_policy.ps', message: /allows 10240 for a permission set's inline policy.*customer_managed_policy_attachment/ }],
    },
    { name: 'a managed policy is told to split', inventory: policyFile(sized(6300), { kind: 'managed' }), errors: [{ messageId: 'tooLarge', message: /allows 6144 for a managed policy, so the apply would fail\. Split it into several managed policies/ }] },
    {
      name: 'a trust policy over 2,048 is told to trust fewer principals or raise its quota, not to split it (a role has one)',
      inventory: policyFile(sized(2200), { kind: 'trust' }),
      errors: [{ messageId: 'tooLarge', message: /allows 2048 for a role trust policy \(default quota\), so the apply would fail\. Trust fewer principals .*\(at most 4,096\)/ }],
    },
    { name: 'user inline policies add up over 2,048', inventory: inlineOnUser(1100, 1100), errors: [{ messageId: 'inlineTotalTooLarge', resource: 'aws_iam_user.scanner' }] },
    { name: 'one oversized inline policy is reported once', inventory: inlineOnUser(2200, 500), errors: [{ messageId: 'tooLarge', resource: 'aws_iam_user_policy.p0' }] },
  ],
});
