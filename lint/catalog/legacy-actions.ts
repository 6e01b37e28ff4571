/**
 * Actions that AWS's own managed policies name but the action catalog lacks: retired services
 * (deepracer, iot1click, ...), renamed actions and undocumented ones. A policy that copies AWS's
 * own wording must not fail the lint, so these are "legacy", not "unknown".
 *
 * The list is generated from every version of every managed policy into data/legacy-actions.json
 * (regenerate: `npx tsx lint/catalog/build-legacy-actions.ts`); a test fails when it is stale.
 */
import type { Catalog } from './catalog';
import { allManagedPolicyVersions } from './managed-policies';

function actionsOf(document: unknown): string[] {
  if (typeof document !== 'object' || document === null) return [];
  const statements = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : [statements];
  const out: string[] = [];
  for (const statement of list) {
    if (typeof statement !== 'object' || statement === null) continue;
    for (const field of ['Action', 'NotAction'] as const) {
      const value = (statement as Record<string, unknown>)[field];
      for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') out.push(item);
    }
  }
  return out;
}

/** Lower-cased action patterns in managed policies (all versions) that expand to nothing. */
export function collectLegacyActions(catalog: Catalog): string[] {
  const found = new Set<string>();
  for (const version of allManagedPolicyVersions()) {
    for (const action of actionsOf(version.document)) {
      if (catalog.expand(action).length === 0) found.add(action.toLowerCase());
    }
  }
  return [...found].sort();
}
