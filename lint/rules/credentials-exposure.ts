/**
 * credentials-exposure: actions that mint or return credentials (iam:CreateAccessKey, sts:GetFederationToken, redshift:GetClusterCredentials, ...) on every resource.
 * The action list is data (lint/catalog/data/credentials-exposure.json); actions that only take `*` are not
 * reported, since no Resource could narrow them.
 */
import { statementId } from '../model/parse-document';
import type { RawFinding } from '../model/types';
import { identityPolicies, listActions } from '../catalog/grants';
import { policyLabel } from '../catalog/policy-label';
import { riskGrants } from '../catalog/risk-classes';
import { statementOrigin } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'credentials-exposure',
  defaultSeverity: 'warning',
  description: 'Actions that mint or return credentials (iam:CreateAccessKey, sts:GetFederationToken, redshift:GetClusterCredentials, ...) on every resource',
  messages: {
    onEveryResource: '{{policy}}statement allows minting or reading credentials on every resource: {{actions}}. Scope Resource to the users, roles or clusters meant (e.g. user/${aws:username} for self-service), or add a Condition.',
  },
  needsCatalog: true,
};

export const credentialsExposure: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    for (const policy of identityPolicies(inventory)) {
      for (const { grant, actions } of riskGrants(policy.document, catalog, 'credentials-exposure')) {
        const data = { policy: policyLabel(policy), actions: listActions(actions) };
        findings.push(report(meta, 'onEveryResource', data, statementOrigin(policy, grant.statement), statementId(grant.statement)));
      }
    }
    return findings;
  },
};
