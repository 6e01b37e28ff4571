/**
 * Per-catalog memo tables for answers that depend only on the catalog and a pattern or action:
 * a plan of 10,000 policies repeats the same patterns thousands of times, so each answer is
 * computed once per run. Tables die with their catalog.
 */
import type { Catalog } from './catalog';

const tables = new WeakMap<Catalog, Map<string, Map<string, unknown>>>();

export function memoPerCatalog<T>(catalog: Catalog, table: string, key: string, compute: () => T): T {
  let byTable = tables.get(catalog);
  if (!byTable) {
    byTable = new Map();
    tables.set(catalog, byTable);
  }
  let entries = byTable.get(table);
  if (!entries) {
    entries = new Map();
    byTable.set(table, entries);
  }
  if (entries.has(key)) return entries.get(key) as T;
  const value = compute();
  entries.set(key, value);
  return value;
}

/** A memo table to hold for the length of one rule's run (saves the lookups of memoPerCatalog in hot loops). */
export function memoTable<T>(catalog: Catalog, table: string): Map<string, T> {
  return memoPerCatalog(catalog, `table:${table}`, '', () => new Map<string, T>());
}

/** What remember() needs of a table: a Map, or a WeakMap for answers about objects (an expansion, a document). */
interface Table<K, T> {
  get(key: K): T | undefined;
  has(key: K): boolean;
  set(key: K, value: T): unknown;
}

/** `table.get(key)`, computing and storing it on a miss. */
export function remember<K, T>(table: Table<K, T>, key: K, compute: () => T): T {
  const known = table.get(key);
  if (known !== undefined || table.has(key)) return known as T;
  const value = compute();
  table.set(key, value);
  return value;
}

/** The table `store` keeps for `catalog`, made on first use; it dies with the catalog. */
export function catalogTable<T extends object>(store: WeakMap<Catalog, T>, catalog: Catalog, create: () => T): T {
  return remember(store, catalog, create);
}
