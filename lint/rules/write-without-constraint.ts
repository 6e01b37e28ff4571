/**
 * write-without-constraint: Write or Permissions-management actions on every resource with no
 * Condition that narrows who or what they reach (lint/catalog/conditions.ts says which do).
 * Left to other rules: `*` (admin-access), `service:*` (full-service-access) and NotAction
 * (not-action-allow), so one grant draws one finding. Actions that only take `*` cannot be scoped
 * and are not reported; access levels that mislead are corrected by
 * lint/catalog/data/access-level-exceptions.json.
 */
import { splitAction } from '../catalog/action-pattern';
import { isUnscopable, identityPolicies, listActions, unconstrainedGrants } from '../catalog/grants';
import type { Catalog } from '../catalog/catalog';
import { memoPerCatalog, memoTable, remember } from '../catalog/memo';
import { policyLabel } from '../catalog/policy-label';
import { statementId } from '../model/parse-document';
import type { RawFinding } from '../model/types';
import { statementOrigin } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'write-without-constraint',
  defaultSeverity: 'warning',
  description: 'Write or Permissions-management actions on every resource without a constraining Condition',
  messages: {
    writeOnEveryResource:
      '{{policy}}statement allows {{count}} write or permissions-management action(s) on every resource with no constraining Condition: {{actions}}. ' +
      'Name the resources in Resource, or add a Condition on resource or request tags.',
  },
  needsCatalog: true,
};

/** `service:*`: reported by full-service-access. */
function isServiceWildcard(pattern: string): boolean {
  const parts = splitAction(pattern.trim());
  return parts !== null && /^\*+$/.test(parts.action);
}

/** The Write and Permissions-management actions a pattern expands to that can be scoped; once per pattern. */
function scopableWrites(pattern: string, catalog: Catalog): readonly string[] {
  return memoPerCatalog(catalog, 'scopable-writes', pattern, () => {
    if (isServiceWildcard(pattern)) return [];
    return catalog.expand(pattern).filter((action) => {
      const level = catalog.action(action)?.accessLevel;
      return (level === 'Write' || level === 'Permissions management') && !isUnscopable(action, catalog);
    });
  });
}

export const writeWithoutConstraint: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    const byGrant = memoTable<{ count: number; actions: string } | null>(catalog, 'write-without-constraint');
    for (const policy of identityPolicies(inventory)) {
      for (const grant of unconstrainedGrants(policy.document, catalog)) {
        if (grant.viaNotAction) continue;
        const found = remember(byGrant, grant.key, () => {
          const writes = new Set<string>();
          for (const { pattern, everything } of grant.patterns) {
            if (everything) continue;
            for (const action of scopableWrites(pattern, catalog)) if (!grant.denied || grant.actions.has(action)) writes.add(action);
          }
          return writes.size === 0 ? null : { count: writes.size, actions: listActions(writes) };
        });
        if (found === null) continue;
        const data = { policy: policyLabel(policy), ...found };
        findings.push(report(meta, 'writeOnEveryResource', data, statementOrigin(policy, grant.statement), statementId(grant.statement)));
      }
    }
    return findings;
  },
};
