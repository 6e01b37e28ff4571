/**
 * full-service-access: every action of a service on every resource: `s3:*`, or any pattern
 * that expands to the whole service (`s3:*Object*` does not; `s3*:*` covers four services), with
 * no constraining Condition. An attached AWS managed policy such as AmazonS3FullAccess is judged
 * by its document once the engine resolves it. `*` is admin-access's, NotAction not-action-allow's.
 */
import { identityPolicies, listActions, unconstrainedGrants, type Grant } from '../catalog/grants';
import { wholeServices } from '../catalog/whole-services';
import { policyLabel } from '../catalog/policy-label';
import { reachInWords } from '../catalog/resources';
import { statementId } from '../model/parse-document';
import type { RawFinding } from '../model/types';
import { statementOrigin } from './grants';
import { perDocument } from './per-document';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'full-service-access',
  defaultSeverity: 'warning',
  description: '`service:*` (or a pattern that expands to every action of a service) on every resource',
  messages: {
    fullService:
      '{{policy}}statement allows every action of {{services}} on {{reach}}. ' +
      'List the actions this identity uses (Read/List first) and name its resources.',
  },
  subjects: { fullService: '{{policy}}' },
  needsCatalog: true,
};

export const fullServiceAccess: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    const verdict = perDocument((document) => {
      const out: { grant: Grant; services: string }[] = [];
      for (const grant of unconstrainedGrants(document, catalog)) {
        const services = wholeServices(grant, catalog);
        // `s*:*` is some 70 services: name the first, as the other rules name actions.
        if (services.size > 0) out.push({ grant, services: listActions(services, 8) });
      }
      return out;
    });
    for (const policy of identityPolicies(inventory)) {
      for (const { grant, services } of verdict(policy.document)) {
        const data = { policy: policyLabel(policy), services, reach: reachInWords(grant.statement) };
        findings.push(report(meta, 'fullService', data, statementOrigin(policy, grant.statement), statementId(grant.statement)));
      }
    }
    return findings;
  },
};
