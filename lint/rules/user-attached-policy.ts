/**
 * user-attached-policy: permissions given straight to a user instead of through a group. Groups
 * make "who may do what" one list to review; per-user grants drift apart user by user.
 */
import type { RawFinding } from '../model/types';
import { principalLabel, principalsByKey } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'user-attached-policy',
  defaultSeverity: 'info',
  description: 'Policies attached straight to a user instead of a group',
  messages: {
    attached: '{{policy}} is attached straight to user {{user}}: attach it to a group and add the user to the group.',
    inline: 'user {{user}} has an inline policy{{name}}: put it in a managed policy attached to a group the user belongs to.',
  },
  subjects: { attached: '{{policy}} on {{user}}', inline: 'inline{{name}} of {{user}}' },
  needsCatalog: false,
};

export const userAttachedPolicy: Rule = {
  meta,
  check({ inventory }) {
    const findings: RawFinding[] = [];
    const principals = principalsByKey(inventory);
    const isUser = (key: string) => principals.get(key)?.kind === 'user';
    const policies = new Map(inventory.policies.map((p) => [p.key, p]));
    for (const attachment of inventory.attachments) {
      if (!isUser(attachment.principal)) continue;
      const policy = attachment.policy === null ? undefined : policies.get(attachment.policy);
      const label = attachment.arn ?? policy?.arn ?? policy?.origin.resource ?? policy?.name ?? 'a policy';
      findings.push(report(meta, 'attached', { policy: label, user: principalLabel(attachment.principal, principals) }, attachment.origin, null));
    }
    for (const grant of inventory.inlineGrants) {
      if (!isUser(grant.principal)) continue;
      const policy = policies.get(grant.policy);
      const name = policy?.name ? ` (${policy.name})` : '';
      findings.push(report(meta, 'inline', { user: principalLabel(grant.principal, principals), name }, policy?.origin ?? principals.get(grant.principal)!.origin, null));
    }
    return findings;
  },
};
