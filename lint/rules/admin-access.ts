/**
 * admin-access: a grant of every action on every resource, written out (`*`, `*:*` on `*`) or
 * attached as AWS's AdministratorAccess. The attachment is matched by ARN in any partition, so it
 * is found even when the catalog (which resolves managed policies to documents) is off.
 */
import { statementId } from '../model/parse-document';
import type { RawFinding } from '../model/types';
import {
  allowsEverything,
  denyEffect,
  grantingPolicies,
  isAdministratorAccessArn,
  principalLabel,
  principalsByKey,
  statementOrigin,
} from './grants';
import { policyLabel } from '../catalog/policy-label';
import { perDocument } from './per-document';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'admin-access',
  defaultSeverity: 'error',
  description: 'Allow of every action on every resource, or an attached AdministratorAccess',
  messages: {
    allowAll:
      '{{policy}}statement allows every action ({{action}}) on every resource ({{resource}}): administrator access. ' +
      'Allow only the actions this identity needs, on the ARNs it uses (start from a preset in policies/).',
    allowAllMinusDeny:
      '{{policy}}statement allows every action ({{action}}) on every resource ({{resource}}), minus what this ' +
      "document's Deny statements take away: still close to administrator access. Allow what is needed instead of denying what is not.",
    attachedAdmin:
      '{{arn}} is attached to {{principal}}: AdministratorAccess allows every action on every resource. ' +
      'Attach a least-privilege policy instead (start from a preset in policies/).',
  },
  subjects: { allowAll: '{{policy}}allows all', allowAllMinusDeny: '{{policy}}allows all', attachedAdmin: '{{arn}} on {{principal}}' },
  needsCatalog: false,
};

export const adminAccess: Rule = {
  meta,
  check({ inventory }) {
    const findings: RawFinding[] = [];
    const verdict = perDocument((document) => {
      const everything = document.statements.filter(allowsEverything);
      return { everything, denied: everything.length === 0 ? 'none' : denyEffect(document) };
    });
    for (const { policy, document } of grantingPolicies(inventory)) {
      // An attached AdministratorAccess is reported once, at its attachment, below.
      if (policy.kind === 'aws-managed' && policy.arn !== null && isAdministratorAccessArn(policy.arn)) continue;
      const { everything, denied } = verdict(document);
      if (everything.length === 0 || denied === 'everything') continue;
      for (const statement of everything) {
        const data = {
          policy: policyLabel(policy),
          action: (statement.actions ?? []).join(', '),
          resource: statement.notResources !== null ? `all but NotResource ${statement.notResources.join(', ')}` : (statement.resources ?? []).join(', '),
        };
        findings.push(
          report(meta, denied === 'some' ? 'allowAllMinusDeny' : 'allowAll', data, statementOrigin(policy, statement), statementId(statement)),
        );
      }
    }
    const arnOfPolicy = new Map(inventory.policies.map((p) => [p.key, p.arn]));
    const principals = principalsByKey(inventory);
    for (const attachment of inventory.attachments) {
      const arn = attachment.arn ?? (attachment.policy === null ? null : arnOfPolicy.get(attachment.policy) ?? null);
      if (arn === null || !isAdministratorAccessArn(arn)) continue;
      const principal = principalLabel(attachment.principal, principals);
      findings.push(report(meta, 'attachedAdmin', { arn, principal }, attachment.origin, null));
    }
    return findings;
  },
};
