/**
 * write-without-constraint: Write or Permissions-management actions on every resource with no
 * Condition that narrows who or what they reach (lint/catalog/conditions.ts says which do).
 * Left to other rules: `*` (admin-access), `service:*` (full-service-access) and NotAction
 * (not-action-allow), so one grant draws one finding. Actions that only take `*` cannot be scoped
 * and are not reported; access levels that mislead are corrected by
 * lint/catalog/data/access-level-exceptions.json.
 */
import { splitAction } from '../catalog/action-pattern';
import { identityPolicies, listActions, unconstrainedGrants, type Grant } from '../catalog/grants';
import type { Catalog } from '../catalog/catalog';
import { catalogTable, memoTable, remember } from '../catalog/memo';
import { policyLabel } from '../catalog/policy-label';
import { reachInWords } from '../catalog/resources';
import { statementId } from '../model/parse-document';
import type { RawFinding } from '../model/types';
import { statementOrigin } from './grants';
import { perDocument } from './per-document';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'write-without-constraint',
  defaultSeverity: 'warning',
  description: 'Write or Permissions-management actions on every resource without a constraining Condition',
  messages: {
    writeOnEveryResource:
      '{{policy}}statement allows {{count}} write or permissions-management action(s) on {{reach}} with no constraining Condition: {{actions}}. ' +
      'Name the resources in Resource, or add a Condition on resource or request tags.',
  },
  needsCatalog: true,
};

/** `service:*`: reported by full-service-access. */
function isServiceWildcard(pattern: string): boolean {
  const parts = splitAction(pattern.trim());
  return parts !== null && /^\*+$/.test(parts.action);
}

const writesByExpansion = new WeakMap<Catalog, WeakMap<Int32Array, Int32Array>>();

/** The Write and Permissions-management actions a pattern expands to that can be scoped (ids); once per expansion. */
function scopableWrites(pattern: string, expanded: Int32Array, catalog: Catalog): Int32Array {
  if (isServiceWildcard(pattern)) return new Int32Array(0);
  const { ids } = catalog;
  return remember(catalogTable(writesByExpansion, catalog, () => new WeakMap()), expanded, () =>
    expanded.filter((id) => {
      const level = ids.level(id);
      return (level === 'Write' || level === 'Permissions management') && !ids.starOnly(id);
    }),
  );
}

export const writeWithoutConstraint: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    const byGrant = memoTable<{ count: number; actions: string } | null>(catalog, 'write-without-constraint');
    const verdict = perDocument((document) => {
      const out: { grant: Grant; count: number; actions: string }[] = [];
      for (const grant of unconstrainedGrants(document, catalog)) {
        if (grant.viaNotAction) continue;
        const found = remember(byGrant, grant.key, () => {
          const writes = new Set<number>();
          for (const { pattern, everything, ids } of grant.patterns) {
            if (everything) continue;
            for (const id of scopableWrites(pattern, ids, catalog)) if (!grant.denied || grant.actions.hasId(id)) writes.add(id);
          }
          return writes.size === 0 ? null : { count: writes.size, actions: listActions([...writes].map((id) => catalog.ids.name(id))) };
        });
        if (found !== null) out.push({ grant, ...found });
      }
      return out;
    });
    for (const policy of identityPolicies(inventory)) {
      for (const { grant, count, actions } of verdict(policy.document)) {
        const data = { policy: policyLabel(policy), count, actions, reach: reachInWords(grant.statement) };
        findings.push(report(meta, 'writeOnEveryResource', data, statementOrigin(policy, grant.statement), statementId(grant.statement)));
      }
    }
    return findings;
  },
};
