/**
 * The actions a statement grants, held as its expanded patterns rather than copied into one set:
 * `has()` asks the per-pattern sets, so `*` and NotAction grants answer membership without
 * loading every service; only iterating them (rare: exceeds-preset on an admin-like grant)
 * reads the whole catalog.
 */
import type { Catalog } from './catalog';

const patternSets = new WeakMap<Catalog, Map<string, ReadonlySet<string>>>();

/** The expansion of one pattern as a set, built once per catalog and pattern. */
export function expandToSet(pattern: string, catalog: Catalog): ReadonlySet<string> {
  let perCatalog = patternSets.get(catalog);
  if (!perCatalog) {
    perCatalog = new Map();
    patternSets.set(catalog, perCatalog);
  }
  let set = perCatalog.get(pattern);
  if (!set) {
    const key = pattern.toLowerCase();
    set = perCatalog.get(key) ?? new Set(catalog.expand(pattern));
    perCatalog.set(key, set);
    perCatalog.set(pattern, set);
  }
  return set;
}

/** A read-only view of granted actions (catalog spelling). */
export interface ActionSet extends Iterable<string> {
  /** `action` in catalog spelling (as expand() and action().name give it). */
  has(action: string): boolean;
  /** Number of actions; counts by iterating. */
  readonly size: number;
}

export interface ActionSetParts {
  /** Every action (`*`): membership is "is a catalog action". */
  everything: boolean;
  included: ReadonlySet<string>[];
  /** NotAction's expansions: granted is everything but these. */
  excluded: ReadonlySet<string>[];
  /** Expansions of Deny statements that surely apply. */
  denied: ReadonlySet<string>[];
}

/** Membership in the union of `sets`: asks each for a few, builds the union once for many (ReadOnlyAccess has 1,500 patterns). */
function unionHas(sets: ReadonlySet<string>[]): (action: string) => boolean {
  if (sets.length === 0) return () => false;
  if (sets.length === 1) return (action) => sets[0].has(action);
  if (sets.length <= 4) return (action) => sets.some((s) => s.has(action));
  let union: Set<string> | undefined;
  return (action) => {
    if (!union) {
      union = new Set<string>();
      for (const set of sets) for (const a of set) union.add(a);
    }
    return union.has(action);
  };
}

export function actionSet(parts: ActionSetParts, catalog: Catalog): ActionSet {
  const isDenied = unionHas(parts.denied);
  const isExcluded = unionHas(parts.excluded);
  const isIncluded = unionHas(parts.included);
  const has = (action: string): boolean => {
    if (isDenied(action) || isExcluded(action)) return false;
    if (parts.everything) return catalog.action(action) !== null;
    return isIncluded(action);
  };
  function* iterate(): Generator<string> {
    if (parts.everything) {
      for (const action of catalog.expand('*')) if (has(action)) yield action;
      return;
    }
    const seen = new Set<string>();
    for (const set of parts.included) {
      for (const action of set) {
        if (seen.has(action)) continue;
        seen.add(action);
        if (has(action)) yield action;
      }
    }
  }
  let size: number | undefined;
  return {
    has,
    [Symbol.iterator]: iterate,
    get size() {
      if (size === undefined) {
        size = 0;
        for (const _ of iterate()) size++;
      }
      return size;
    },
  };
}
