/**
 * The services a grant allows whole: every action of the service, on the grant's resources,
 * for a service with at least one action that changes something (all of a read-only service is
 * not "full access"). `s3:*` is one such grant, `s3*:*` four, and several patterns that together
 * list every action of a service are one too; a Deny that surely applies can take a service out.
 * full-service-access reports these services, and write-without-constraint leaves their actions
 * to it, so one grant draws one finding per service. `*` (admin-access) and NotAction
 * (not-action-allow) are not judged here.
 */
import { hasWildcard, splitAction } from './action-pattern';
import type { ActionSet } from './action-set';
import type { Catalog } from './catalog';
import type { Grant } from './grants';
import { catalogTable, memoTable, remember } from './memo';

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

const NONE: ReadonlySet<string> = new Set();

/** Lower-case prefixes of the services `grant` allows whole (see the header); once per grant. */
export function wholeServices(grant: Grant, catalog: Catalog): ReadonlySet<string> {
  if (grant.viaNotAction) return NONE;
  return remember(memoTable<ReadonlySet<string>>(catalog, 'whole-services'), grant.key, () => {
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
    return covered.size === 0 ? NONE : covered;
  });
}
