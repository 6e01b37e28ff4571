/** How messages name the policy a finding is in, so an attached AWS managed policy is named, not just its attachment. */
import type { PolicyRecord } from '../model/types';

export function policyLabel(policy: PolicyRecord): string {
  if (policy.kind === 'aws-managed') return `AWS managed policy ${policy.name ?? policy.arn ?? ''}: `;
  return '';
}
