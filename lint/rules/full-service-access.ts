/**
 * full-service-access: every action of a service on every resource: `s3:*`, or any pattern
 * that expands to the whole service (`s3:*Object*` does not; `s3*:*` covers four services), with
 * no constraining Condition. An attached AWS managed policy such as AmazonS3FullAccess is judged
 * by its document once the engine resolves it. `*` is admin-access's, NotAction not-action-allow's.
 */
import { hasWildcard, splitAction } from '../catalog/action-pattern';
import type { ActionSet } from '../catalog/action-set';
import type { Catalog } from '../catalog/catalog';
import { identityPolicies, unconstrainedGrants } from '../catalog/grants';
import { policyLabel } from '../catalog/policy-label';
import { statementId } from '../model/parse-document';
import type { RawFinding } from '../model/types';
import { isAllActions, statementOrigin } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'full-service-access',
  defaultSeverity: 'warning',
  description: '`service:*` (or a pattern that expands to every action of a service) on every resource',
  messages: {
    fullService:
      '{{policy}}statement allows every action of {{services}} on every resource. ' +
      'List the actions this identity uses (Read/List first) and name its resources.',
  },
  needsCatalog: true,
};

/**
 * Every action of the service, and at least one that changes something: all of a read-only
 * service (a handful of Describe* actions) is not "full access" in any sense a reviewer means.
 */
function grantsWholeService(service: string, granted: ActionSet, catalog: Catalog): boolean {
  const all = catalog.serviceActions(service);
  if (all.length === 0 || !all.every((a) => granted.has(a))) return false;
  return all.some((a) => {
    const level = catalog.action(a)?.accessLevel;
    return level !== 'Read' && level !== 'List';
  });
}

/** Services a pattern reaches: read from the pattern itself unless its service part has a wildcard. */
function servicesOf(pattern: string, actions: readonly string[]): Iterable<string> {
  const parts = splitAction(pattern.trim());
  if (parts && !hasWildcard(parts.service)) return actions.length > 0 ? [parts.service.toLowerCase()] : [];
  return new Set(actions.map((a) => splitAction(a)?.service ?? ''));
}

export const fullServiceAccess: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    for (const policy of identityPolicies(inventory)) {
      for (const grant of unconstrainedGrants(policy.document, catalog)) {
        if (grant.viaNotAction) continue;
        const services = new Set<string>();
        const checked = new Set<string>();
        for (const { pattern, actions } of grant.patterns) {
          if (isAllActions(pattern)) continue;
          for (const service of servicesOf(pattern, actions)) {
            if (checked.has(service)) continue;
            checked.add(service);
            if (grantsWholeService(service, grant.actions, catalog)) services.add(service);
          }
        }
        if (services.size === 0) continue;
        const data = { policy: policyLabel(policy), services: [...services].sort().join(', ') };
        findings.push(report(meta, 'fullService', data, statementOrigin(policy, grant.statement), statementId(grant.statement)));
      }
    }
    return findings;
  },
};
