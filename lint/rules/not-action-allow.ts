/**
 * not-action-allow: an Allow with NotAction or NotResource grants everything except a list, so it
 * grows with every action and resource type AWS adds. Deny statements with them are fine: there
 * the list is what stays allowed elsewhere.
 */
import { policyLabel } from '../catalog/policy-label';
import { statementId } from '../model/parse-document';
import type { RawFinding } from '../model/types';
import { grantingPolicies, statementOrigin } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'not-action-allow',
  defaultSeverity: 'warning',
  description: 'Allow with NotAction or NotResource (grants everything except a list)',
  messages: {
    notAction:
      '{{policy}}statement allows every action except {{list}}: it grows with every action AWS adds. ' +
      'List the actions to allow in Action instead.',
    notResource:
      '{{policy}}statement allows its actions on every resource except {{list}}: it grows with every resource created. ' +
      'List the ARNs to allow in Resource instead.',
  },
  subjects: { notAction: '{{policy}}NotAction', notResource: '{{policy}}NotResource' },
  needsCatalog: false,
};

export const notActionAllow: Rule = {
  meta,
  check({ inventory }) {
    const findings: RawFinding[] = [];
    for (const { policy, document } of grantingPolicies(inventory)) {
      for (const statement of document.statements) {
        if (statement.effect !== 'Allow') continue;
        const origin = statementOrigin(policy, statement);
        // "AWS managed policy PowerUserAccess: " as every other rule says it; empty for a file's own document.
        const label = policyLabel(policy);
        if (statement.notActions !== null) {
          findings.push(report(meta, 'notAction', { policy: label, list: statement.notActions.join(', ') }, origin, statementId(statement)));
        }
        if (statement.notResources !== null) {
          findings.push(report(meta, 'notResource', { policy: label, list: statement.notResources.join(', ') }, origin, statementId(statement)));
        }
      }
    }
    return findings;
  },
};
