/**
 * The AWS catalog, built only when a rule that needs it runs: createCatalog reads no AWS data until
 * a rule asks, so a run whose rules need no catalog never touches it. Imported statically (the
 * module itself is cheap) so the bundled CLI (`npm run build`) carries it instead of compiling
 * TypeScript at run time, and synchronously, because the synth-time aspect cannot wait for a promise.
 */
import type { Catalog } from '../catalog/catalog';
import { createCatalog } from '../catalog/aws-catalog';

export function loadAwsCatalog(): Catalog {
  return createCatalog();
}

/**
 * A Catalog that builds the real one on first use, and says whether it did. A Proxy, so it
 * delegates whatever the Catalog interface grows to without being edited.
 */
export function lazyCatalog(factory: () => Catalog = loadAwsCatalog): { catalog: Catalog; loaded(): Catalog | null } {
  let instance: Catalog | null = null;
  const bound = new Map<PropertyKey, unknown>();
  const catalog = new Proxy({} as Catalog, {
    get(_target, property) {
      instance ??= factory();
      if (!bound.has(property)) {
        const value: unknown = Reflect.get(instance, property);
        bound.set(property, typeof value === 'function' ? value.bind(instance) : value);
      }
      return bound.get(property);
    },
  });
  return { catalog, loaded: () => instance };
}

/** Given to rules when no enabled rule declared needsCatalog: using it is a bug in the rule. */
export const catalogNotLoaded: Catalog = new Proxy({} as Catalog, {
  get(_target, property) {
    return () => {
      throw new Error(`a rule called catalog.${String(property)}() but no enabled rule declares needsCatalog: set it in the rule's meta`);
    };
  },
});
