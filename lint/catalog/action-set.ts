/**
 * The actions a statement grants, held as the id arrays of its patterns (see ActionIds) and asked
 * through bit sets built on first use: a membership test is one array read, whatever the number of
 * patterns (ReadOnlyAccess has 1,500). `*` and NotAction grants answer membership without loading
 * every service; only iterating them (rare: exceeds-preset on an admin-like grant) reads the
 * whole catalog.
 */
import type { ActionIds, Catalog } from './catalog';

/** A read-only view of granted actions. */
export interface ActionSet extends Iterable<string> {
  /** `action` in any case (catalog spelling is the fast path). */
  has(action: string): boolean;
  /** `id` from catalog.ids. */
  hasId(id: number): boolean;
  /** Number of actions; counts by iterating. */
  readonly size: number;
}

export interface ActionSetParts {
  /** Every action (`*`, or NotAction): membership is "is a catalog action", less excluded and denied. */
  everything: boolean;
  /** Expansions of the Action patterns, in statement order. */
  included: Int32Array[];
  /** NotAction's expansions: granted is everything but these. */
  excluded: Int32Array[];
  /** Expansions of Deny statements that surely apply. */
  denied: Int32Array[];
  /**
   * Per Deny with NotAction that surely applies, its NotAction expansions: such a Deny takes away
   * everything else, so only actions in every one of these lists stay granted.
   */
  keptOnly?: Int32Array[][];
}

/** Bit set of the ids in `arrays`, sized for every id handed out so far; null when there are none. */
export function idBits(arrays: readonly Int32Array[], ids: ActionIds): Uint32Array | null {
  if (arrays.every((a) => a.length === 0)) return null;
  const bits = new Uint32Array((ids.count() + 31) >>> 5);
  for (const array of arrays) for (let i = 0; i < array.length; i++) bits[array[i] >>> 5] |= 1 << (array[i] & 31);
  return bits;
}

/** True when `id` is in `bits` (ids beyond its size were handed out later, by services it never held). */
export function hasBit(bits: Uint32Array | null, id: number): boolean {
  if (bits === null || id < 0) return false;
  const word = id >>> 5;
  return word < bits.length && (bits[word] & (1 << (id & 31))) !== 0;
}

export function actionSet(parts: ActionSetParts, catalog: Catalog): ActionSet {
  const ids = catalog.ids;
  let included: Uint32Array | null | undefined;
  let removed: Uint32Array | null | undefined;
  let kept: (Uint32Array | null)[] | undefined;
  const hasId = (id: number): boolean => {
    if (id < 0) return false;
    removed ??= idBits([...parts.excluded, ...parts.denied], ids);
    if (hasBit(removed, id)) return false;
    kept ??= (parts.keptOnly ?? []).map((group) => idBits(group, ids));
    for (const bits of kept) if (!hasBit(bits, id)) return false;
    if (parts.everything) return true;
    included ??= idBits(parts.included, ids);
    return hasBit(included, id);
  };
  function* iterate(): Generator<string> {
    if (parts.everything) {
      for (const id of ids.expand('*')) if (hasId(id)) yield ids.name(id);
      return;
    }
    // Statement order, each action once: the order callers saw before ids existed.
    const seen = new Uint32Array((ids.count() + 31) >>> 5);
    for (const array of parts.included) {
      for (const id of array) {
        const word = id >>> 5;
        const bit = 1 << (id & 31);
        if (seen[word] & bit) continue;
        seen[word] |= bit;
        if (hasId(id)) yield ids.name(id);
      }
    }
  }
  let size: number | undefined;
  return {
    has: (action) => hasId(ids.of(action)),
    hasId,
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
