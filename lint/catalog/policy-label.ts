/**
 * How messages name the policy a finding is in, when its resource and statement do not: an
 * attached AWS managed policy (reported at the attachment), and a role's `inline_policy` blocks,
 * which share the role's address and number their statements from 0 each, so without the name two
 * of them would give the same finding twice, and a baseline could not tell them apart.
 */
import type { PolicyRecord } from '../model/types';

/** The key an inline_policy block's record gets from the Terraform readers (`...aws_iam_role.r/inline_policy/0`). */
const INLINE_BLOCK = /\/inline_policy\/(\d+)$/;

export function policyLabel(policy: Pick<PolicyRecord, 'kind' | 'name' | 'arn' | 'key'>): string {
  if (policy.kind === 'aws-managed') return `AWS managed policy ${policy.name ?? policy.arn ?? ''}: `;
  const block = policy.kind === 'inline-role' ? INLINE_BLOCK.exec(policy.key) : null;
  if (block !== null) return `inline policy ${policy.name ?? `#${block[1]}`}: `;
  return '';
}
