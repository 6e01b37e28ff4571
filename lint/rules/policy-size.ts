/**
 * policy-size: a document over the IAM size quota for where it is attached; the apply would fail
 * with LimitExceeded. IAM counts characters without white space (PolicyDocument.size). Inline
 * quotas are per identity: all its inline policies together.
 */
import { policyLabel } from '../catalog/policy-label';
import type { PolicyKind, RawFinding } from '../model/types';
import { principalLabel, principalsByKey } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

const SPLIT = 'Split it into several managed policies, or use wildcards that stay within what is needed.';

/** IAM and STS quotas in characters (IAM User Guide, "IAM and AWS STS quotas"). */
export const SIZE_QUOTAS: Partial<Record<PolicyKind, { quota: number; where: string; fix: string }>> = {
  managed: { quota: 6144, where: 'a managed policy', fix: SPLIT },
  // A policy file on its own is meant to become a managed policy (the presets in policies/ are).
  file: { quota: 6144, where: 'a managed policy', fix: SPLIT },
  'inline-user': { quota: 2048, where: "a user's inline policies", fix: SPLIT },
  'inline-group': { quota: 5120, where: "a group's inline policies", fix: SPLIT },
  'inline-role': { quota: 10240, where: "a role's inline policies", fix: SPLIT },
  // IAM Identity Center quotas: 32,768 bytes as written, 10,240 characters without white space (the
  // role inline policy quota of the role it becomes); the API refuses the first, IAM the second.
  'permission-set': {
    quota: 10240,
    where: "a permission set's inline policy",
    fix: 'Move some of it into customer managed policies attached to the permission set (customer_managed_policy_attachment).',
  },
  // A role has one trust policy: it cannot be split, only shortened, or its quota raised.
  trust: {
    quota: 2048,
    where: 'a role trust policy (default quota)',
    fix: 'Trust fewer principals (an aws:PrincipalOrgID or aws:PrincipalAccount Condition instead of a list of accounts), or raise the quota "Role trust policy length" (at most 4,096) in Service Quotas.',
  },
};

const meta: RuleMeta = {
  id: 'policy-size',
  defaultSeverity: 'error',
  description: 'A policy document over the IAM size quota for where it is attached',
  messages: {
    tooLarge:
      '{{policy}}the document is {{size}} characters without white space; IAM allows {{quota}} for {{where}}, so the apply would fail. {{fix}}',
    inlineTotalTooLarge:
      'the inline policies of {{principal}} add up to {{size}} characters without white space; IAM allows {{quota}} for {{where}} together. ' +
      'Move some into managed policies.',
  },
  subjects: { tooLarge: '{{policy}}document size', inlineTotalTooLarge: 'inline policies of {{principal}}' },
  needsCatalog: false,
};

export const policySize: Rule = {
  meta,
  check({ inventory }) {
    const findings: RawFinding[] = [];
    const tooLargeAlone = new Set<string>();
    for (const policy of inventory.policies) {
      const limit = SIZE_QUOTAS[policy.kind];
      const size = policy.document?.size ?? null;
      if (limit === undefined || size === null || size <= limit.quota) continue;
      tooLargeAlone.add(policy.key);
      findings.push(report(meta, 'tooLarge', { policy: policyLabel(policy), size, quota: limit.quota, where: limit.where, fix: limit.fix }, policy.origin, null));
    }
    const policies = new Map(inventory.policies.map((p) => [p.key, p]));
    const inlineByPrincipal = new Map<string, string[]>();
    for (const grant of inventory.inlineGrants) {
      const list = inlineByPrincipal.get(grant.principal) ?? [];
      list.push(grant.policy);
      inlineByPrincipal.set(grant.principal, list);
    }
    const principals = principalsByKey(inventory);
    for (const [principalKey, keys] of inlineByPrincipal) {
      const held = [...new Set(keys)].map((k) => policies.get(k)).filter((p) => p !== undefined);
      // One policy over the quota is already reported on its own.
      if (held.length < 2 || held.some((p) => tooLargeAlone.has(p.key))) continue;
      const limit = SIZE_QUOTAS[held[0]!.kind];
      if (limit === undefined) continue;
      const size = held.reduce((sum, p) => sum + (p.document?.size ?? 0), 0);
      if (size <= limit.quota) continue;
      const origin = principals.get(principalKey)?.origin ?? held[0]!.origin;
      findings.push(report(meta, 'inlineTotalTooLarge', { principal: principalLabel(principalKey, principals), size, quota: limit.quota, where: limit.where }, origin, null));
    }
    return findings;
  },
};
