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
import { isUnscopable, unconstrainedGrants, type Grant } from './grants';
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

const spelled = new WeakMap<Catalog, Map<RiskClass, string[]>>();

/** The class's actions in the catalog's spelling (what grants hold), once per catalog. */
function catalogSpelling(catalog: Catalog, riskClass: RiskClass): string[] {
  let perClass = spelled.get(catalog);
  if (!perClass) {
    perClass = new Map();
    spelled.set(catalog, perClass);
  }
  let names = perClass.get(riskClass);
  if (!names) {
    names = LISTS[riskClass].map((a) => catalog.action(a)?.name).filter((a): a is string => a !== undefined);
    perClass.set(riskClass, names);
  }
  return names;
}

/** Per statement that grants some of the class's actions on every resource: those actions, catalog spelling. */
export function riskGrants(document: PolicyDocument, catalog: Catalog, riskClass: RiskClass): { grant: Grant; actions: string[] }[] {
  const wanted = catalogSpelling(catalog, riskClass);
  const byGrant = memoTable<string[]>(catalog, `risk:${riskClass}`);
  const out: { grant: Grant; actions: string[] }[] = [];
  for (const grant of unconstrainedGrants(document, catalog)) {
    const actions = remember(byGrant, grant.key, () => wanted.filter((a) => grant.actions.has(a) && !isUnscopable(a, catalog)));
    if (actions.length > 0) out.push({ grant, actions });
  }
  return out;
}
