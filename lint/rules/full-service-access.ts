/**
 * full-service-access: every action of a service on every resource: `s3:*`, or any pattern
 * that expands to the whole service (`s3:*Object*` does not; `s3*:*` covers four services), with
 * no constraining Condition. An attached AWS managed policy such as AmazonS3FullAccess is judged
 * by its document once the engine resolves it. `*` is admin-access's, NotAction not-action-allow's.
 */
import { hasWildcard, splitAction } from '../catalog/action-pattern';
import type { ActionSet } from '../catalog/action-set';
import type { Catalog } from '../catalog/catalog';
import { identityPolicies, unconstrainedGrants, type Grant } from '../catalog/grants';
import { catalogTable, memoTable, remember } from '../catalog/memo';
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
  needsCatalog: true,
};

/** A service with at least one action that changes something: all of a read-only service is not "full access". */
const changing = new WeakMap<Catalog, Map<string, boolean>>();

function changesSomething(service: string, catalog: Catalog): boolean {
  return remember(catalogTable(changing, catalog, () => new Map()), service, () => {
    const range = catalog.ids.service(service);
    for (let id = range?.start ?? 0; id < (range?.end ?? 0); id++) {
      const level = catalog.ids.level(id);
      if (level !== 'Read' && level !== 'List') return true;
    }
    return false;
  });
}

const reachByExpansion = new WeakMap<Catalog, WeakMap<Int32Array, { touched: readonly string[]; whole: ReadonlySet<string> }>>();

/** Services a pattern reaches, and those it covers whole on its own; once per expansion. */
function reach(pattern: string, expanded: Int32Array, catalog: Catalog): { touched: readonly string[]; whole: ReadonlySet<string> } {
  return remember(catalogTable(reachByExpansion, catalog, () => new WeakMap()), expanded, () => {
    const { ids } = catalog;
    const parts = splitAction(pattern.trim());
    // An expansion holds each action once, so a service is whole when it holds as many of its ids as the service has.
    const perService = new Map<string, number>();
    if (parts && !hasWildcard(parts.service)) {
      if (expanded.length > 0) perService.set(parts.service.toLowerCase(), expanded.length);
    } else {
      for (const id of expanded) {
        const service = ids.serviceOf(id);
        perService.set(service, (perService.get(service) ?? 0) + 1);
      }
    }
    const touched = [...perService.keys()];
    const whole = new Set(
      touched.filter((s) => {
        const range = ids.service(s);
        return range !== null && perService.get(s) === range.end - range.start;
      }),
    );
    return { touched, whole };
  });
}

/** Every action of the service granted (several patterns together may cover it), and it changes something. */
function grantsWholeService(service: string, granted: ActionSet, catalog: Catalog): boolean {
  const range = catalog.ids.service(service);
  if (!range || range.end === range.start) return false;
  for (let id = range.start; id < range.end; id++) if (!granted.hasId(id)) return false;
  return changesSomething(service, catalog);
}

export const fullServiceAccess: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    const byGrant = memoTable<Set<string>>(catalog, 'full-service-access');
    const verdict = perDocument((document) => {
      const out: { grant: Grant; services: string }[] = [];
      for (const grant of unconstrainedGrants(document, catalog)) {
        if (grant.viaNotAction) continue;
        const services = remember(byGrant, grant.key, () => {
          const covered = new Set<string>();
          const touchedBy = new Map<string, number>();
          for (const { pattern, everything, ids } of grant.patterns) {
            if (everything) continue;
            const { touched, whole } = reach(pattern, ids, catalog);
            for (const service of touched) {
              touchedBy.set(service, (touchedBy.get(service) ?? 0) + 1);
              if (!grant.denied && whole.has(service) && changesSomething(service, catalog)) covered.add(service);
            }
          }
          // Left: services reached by several patterns, or under a Deny: ask the grant itself.
          for (const [service, count] of touchedBy) {
            if (covered.has(service) || (count < 2 && !grant.denied)) continue;
            if (grantsWholeService(service, grant.actions, catalog)) covered.add(service);
          }
          return covered;
        });
        if (services.size > 0) out.push({ grant, services: [...services].sort().join(', ') });
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
