/**
 * The actions a statement grants, held as the id arrays of its patterns (see ActionIds) and asked
 * through bit sets built on first use: a membership test is one array read, whatever the number of
 * patterns (ReadOnlyAccess has 1,500). `*` and NotAction grants answer membership without loading
 * every service; only iterating them (rare: exceeds-preset on an admin-like grant) reads the
 * whole catalog.
 */
import type { Catalog } from './catalog';

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

/**
 * A bit set over the run of ids from `first` (a multiple of 32): a grant's ids mostly fall in one
 * or two services, so the set spans those words only, not every id handed out (22,000 bits; the
 * managed corpus made 9,500 such sets, 26 MB for the collector).
 */
export interface IdBits {
  first: number;
  words: Uint32Array;
}

/** Bit set of the ids in `arrays`; null when there are none. */
export function idBits(arrays: readonly Int32Array[]): IdBits | null {
  let low = Infinity;
  let high = -1;
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++) {
      const id = array[i];
      if (id < low) low = id;
      if (id > high) high = id;
    }
  }
  if (high < 0) return null;
  const firstWord = low >>> 5;
  const words = new Uint32Array((high >>> 5) - firstWord + 1);
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++) words[(array[i] >>> 5) - firstWord] |= 1 << (array[i] & 31);
  }
  return { first: firstWord << 5, words };
}

/** True when `id` is in `bits`. */
export function hasBit(bits: IdBits | null, id: number): boolean {
  if (bits === null || id < bits.first) return false;
  const word = (id - bits.first) >>> 5;
  return word < bits.words.length && (bits.words[word] & (1 << (id & 31))) !== 0;
}

export function actionSet(parts: ActionSetParts, catalog: Catalog): ActionSet {
  const ids = catalog.ids;
  let included: IdBits | null | undefined;
  let removed: IdBits | null | undefined;
  let kept: (IdBits | null)[] | undefined;
  const hasId = (id: number): boolean => {
    if (id < 0) return false;
    removed ??= idBits([...parts.excluded, ...parts.denied]);
    if (hasBit(removed, id)) return false;
    kept ??= (parts.keptOnly ?? []).map((group) => idBits(group));
    for (const bits of kept) if (!hasBit(bits, id)) return false;
    if (parts.everything) return true;
    included ??= idBits(parts.included);
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
