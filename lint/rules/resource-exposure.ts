/**
 * resource-exposure: actions that rewrite who may access a resource (s3:PutBucketPolicy, kms:PutKeyPolicy, lambda:AddPermission, ...) on every resource.
 * The action list is data (lint/catalog/data/resource-exposure.json); actions that only take `*` are not
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
  id: 'resource-exposure',
  defaultSeverity: 'warning',
  description: 'Actions that rewrite who may access a resource (s3:PutBucketPolicy, kms:PutKeyPolicy, lambda:AddPermission, ...) on every resource',
  messages: {
    onEveryResource: '{{policy}}statement allows changing who may access resources, on every resource: {{actions}}. Scope Resource to the resources this identity manages, or drop these actions.',
  },
  needsCatalog: true,
};

export const resourceExposure: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    for (const policy of identityPolicies(inventory)) {
      for (const { grant, actions } of riskGrants(policy.document, catalog, 'resource-exposure')) {
        const data = { policy: policyLabel(policy), actions: listActions(actions) };
        findings.push(report(meta, 'onEveryResource', data, statementOrigin(policy, grant.statement), statementId(grant.statement)));
      }
    }
    return findings;
  },
};
