/**
 * The risk classes a reviewer asks about (Cloudsplaining's): data exfiltration, resource
 * exposure, credentials exposure. Each is a reviewed action list in data/, checked against the
 * catalog by a test; a rule reports the listed actions a statement grants on every resource with
 * no constraining Condition. Actions that only take `*` are left out: they cannot be scoped,
 * so a finding would ask for something IAM cannot express.
 */
import type { PolicyDocument } from '../model/types';
import type { Catalog } from './catalog';
import credentialsFile from './data/credentials-exposure.json';
import exfiltrationFile from './data/data-exfiltration.json';
import exposureFile from './data/resource-exposure.json';
import { unconstrainedGrants, type Grant } from './grants';
import { memoTable, remember } from './memo';

export type RiskClass = 'data-exfiltration' | 'resource-exposure' | 'credentials-exposure';

const LISTS: Record<RiskClass, readonly string[]> = {
  'data-exfiltration': exfiltrationFile.actions,
  'resource-exposure': exposureFile.actions,
  'credentials-exposure': credentialsFile.actions,
};

/** The reviewed action list of a class, as written in its data file. */
export function riskActions(riskClass: RiskClass): readonly string[] {
  return LISTS[riskClass];
}

const classIds = new WeakMap<Catalog, Map<RiskClass, number[]>>();

/** The class's actions the catalog has that can be scoped (ids), once per catalog. */
function scopableIds(catalog: Catalog, riskClass: RiskClass): number[] {
  let perClass = classIds.get(catalog);
  if (!perClass) {
    perClass = new Map();
    classIds.set(catalog, perClass);
  }
  let ids = perClass.get(riskClass);
  if (!ids) {
    ids = LISTS[riskClass].map((a) => catalog.ids.of(a)).filter((id) => id >= 0 && !catalog.ids.starOnly(id));
    perClass.set(riskClass, ids);
  }
  return ids;
}

/** Per statement that grants some of the class's actions on every resource: those actions, catalog spelling. */
export function riskGrants(document: PolicyDocument, catalog: Catalog, riskClass: RiskClass): { grant: Grant; actions: string[] }[] {
  const wanted = scopableIds(catalog, riskClass);
  const byGrant = memoTable<string[]>(catalog, `risk:${riskClass}`);
  const out: { grant: Grant; actions: string[] }[] = [];
  for (const grant of unconstrainedGrants(document, catalog)) {
    const actions = remember(byGrant, grant.key, () => wanted.filter((id) => grant.actions.hasId(id)).map((id) => catalog.ids.name(id)));
    if (actions.length > 0) out.push({ grant, actions });
  }
  return out;
}
