/**
 * The check shared by the three risk-class rules (data-exfiltration, resource-exposure,
 * credentials-exposure): each statement that grants some of the class's actions on every resource
 * is one finding naming those actions. The rules differ only in their data list
 * (lint/catalog/data/<id>.json) and their message, so each rule file holds just its meta.
 */
import { identityPolicies, listActions } from '../catalog/grants';
import { policyLabel } from '../catalog/policy-label';
import { reachInWords } from '../catalog/resources';
import { riskGrants, type RiskClass } from '../catalog/risk-classes';
import { statementId } from '../model/parse-document';
import type { RawFinding } from '../model/types';
import { statementOrigin } from './grants';
import { perDocument } from './per-document';
import { report, type Rule, type RuleMeta } from './rule';

/** A rule whose id names a risk class and whose message `onEveryResource` takes {{policy}}, {{reach}} and {{actions}}. */
export function riskClassRule(meta: RuleMeta & { id: RiskClass }): Rule {
  return {
    meta,
    check({ inventory, catalog }) {
      const findings: RawFinding[] = [];
      const verdict = perDocument((document) => riskGrants(document, catalog, meta.id).map(({ grant, actions }) => ({ grant, actions: listActions(actions) })));
      for (const policy of identityPolicies(inventory)) {
        for (const { grant, actions } of verdict(policy.document)) {
          const data = { policy: policyLabel(policy), actions, reach: reachInWords(grant.statement) };
          findings.push(report(meta, 'onEveryResource', data, statementOrigin(policy, grant.statement), statementId(grant.statement)));
        }
      }
      return findings;
    },
  };
}
