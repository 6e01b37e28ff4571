/**
 * write-without-constraint: Write or Permissions-management actions on every resource with no
 * Condition that narrows who or what they reach (lint/catalog/conditions.ts says which do).
 * Left to other rules, so one grant draws one finding per thing it does wrong: `*` (admin-access),
 * the actions of services granted whole (full-service-access: `s3:*`, or patterns that together
 * list a whole service; see lint/catalog/whole-services.ts), NotAction (not-action-allow), and
 * the actions of the risk classes (data-exfiltration, resource-exposure, credentials-exposure),
 * whose rules name them with what they risk: `kms:Decrypt` on `*` is one finding, not two. Each
 * is left only while its rule runs at this rule's severity or above: turning it off, or down to info,
 * brings its actions back here.
 * `s3:*` under a Deny that takes some of S3 away is not whole, so its writes are reported here.
 * Actions that only take `*` cannot be scoped
 * and are not reported; access levels that mislead are corrected by
 * lint/catalog/data/access-level-exceptions.json.
 */
import { identityPolicies, listActions, unconstrainedGrants, type Grant } from '../catalog/grants';
import type { Catalog } from '../catalog/catalog';
import { catalogTable, memoTable, remember } from '../catalog/memo';
import { policyLabel } from '../catalog/policy-label';
import { reachInWords } from '../catalog/resources';
import { riskActionTest, riskClassesRunning } from '../catalog/risk-classes';
import { wholeServices } from '../catalog/whole-services';
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
  subjects: { writeOnEveryResource: '{{policy}}' },
  needsCatalog: true,
};

const writesByExpansion = new WeakMap<Catalog, WeakMap<Int32Array, Int32Array>>();

/** The Write and Permissions-management actions a pattern expands to that can be scoped (ids); once per expansion. */
function scopableWrites(expanded: Int32Array, catalog: Catalog): Int32Array {
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
  check({ inventory, catalog, enabledRules }) {
    const findings: RawFinding[] = [];
    // Left to a risk rule only when it reports them at this rule's severity or above.
    const riskRules = riskClassesRunning(enabledRules, enabledRules?.get(meta.id) ?? meta.defaultSeverity);
    const reportedAsRisk = riskActionTest(catalog, riskRules);
    // A table per set of risk rules that run: one catalog may serve passes of different configs.
    const byGrant = memoTable<{ count: number; actions: string } | null>(catalog, `write-without-constraint:${riskRules.join(',')}`);
    const verdict = perDocument((document) => {
      const out: { grant: Grant; count: number; actions: string }[] = [];
      for (const grant of unconstrainedGrants(document, catalog)) {
        if (grant.viaNotAction) continue;
        const found = remember(byGrant, grant.key, () => {
          const writes = new Set<number>();
          const whole = wholeServices(grant, catalog);
          for (const { everything, ids } of grant.patterns) {
            if (everything) continue;
            for (const id of scopableWrites(ids, catalog)) {
              if (grant.denied && !grant.actions.hasId(id)) continue;
              if (whole.size > 0 && whole.has(catalog.ids.serviceOf(id))) continue;
              if (reportedAsRisk !== null && reportedAsRisk(id)) continue;
              writes.add(id);
            }
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
