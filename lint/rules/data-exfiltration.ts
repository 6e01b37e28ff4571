/**
 * data-exfiltration: reads of data or secrets (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, kms:Decrypt, ...) on every resource.
 * The action list is data (lint/catalog/data/data-exfiltration.json); actions that only take `*` are not
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
  id: 'data-exfiltration',
  defaultSeverity: 'warning',
  description: 'Reads of data or secrets (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, kms:Decrypt, ...) on every resource',
  messages: {
    onEveryResource: '{{policy}}statement allows reading data or secrets on every resource: {{actions}}. Name the buckets, parameters, secrets and keys this identity reads in Resource, or add a Condition on resource tags.',
  },
  needsCatalog: true,
};

export const dataExfiltration: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    for (const policy of identityPolicies(inventory)) {
      for (const { grant, actions } of riskGrants(policy.document, catalog, 'data-exfiltration')) {
        const data = { policy: policyLabel(policy), actions: listActions(actions) };
        findings.push(report(meta, 'onEveryResource', data, statementOrigin(policy, grant.statement), statementId(grant.statement)));
      }
    }
    return findings;
  },
};
