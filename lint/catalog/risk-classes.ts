/**
 * The risk classes a reviewer asks about (Cloudsplaining's): data exfiltration, resource
 * exposure, credentials exposure. Each is a reviewed action list in data/, checked against the
 * catalog by a test; a rule reports the listed actions a statement grants on every resource with
 * no constraining Condition. Actions that only take `*` are left out: they cannot be scoped,
 * so a finding would ask for something IAM cannot express.
 */
import { isAtLeast } from '../model/severity';
import type { PolicyDocument, Severity } from '../model/types';
import type { Catalog } from './catalog';
import credentialsFile from './data/credentials-exposure.json';
import exfiltrationFile from './data/data-exfiltration.json';
import exposureFile from './data/resource-exposure.json';
import { forEachGranted, unconstrainedGrants, type Grant, type WantedIds } from './grants';
import { catalogTable, memoTable, remember } from './memo';

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

const CLASSES: readonly RiskClass[] = ['data-exfiltration', 'resource-exposure', 'credentials-exposure'];

const indexes = new WeakMap<Catalog, WantedIds>();

/** The three lists as one flag array over catalog ids (bit i for CLASSES[i]), scopable actions only; once per catalog. */
function riskIndex(catalog: Catalog): WantedIds {
  return catalogTable(indexes, catalog, () => {
    const byId = new Map<number, number>();
    CLASSES.forEach((riskClass, bit) => {
      for (const action of LISTS[riskClass]) {
        const id = catalog.ids.of(action);
        if (id >= 0 && !catalog.ids.starOnly(id)) byId.set(id, (byId.get(id) ?? 0) | (1 << bit));
      }
    });
    const flags = new Uint8Array(catalog.ids.count());
    for (const [id, bits] of byId) flags[id] = bits;
    return { flags, ids: [...byId.keys()] };
  });
}

/**
 * The risk classes whose rule runs at `atLeast` or above (all, when `enabledRules` is absent: every
 * rule at its default, and the three risk rules default to warning), in a fixed order.
 */
export function riskClassesRunning(enabledRules: ReadonlyMap<string, Severity> | undefined, atLeast: Severity): RiskClass[] {
  if (enabledRules === undefined) return [...CLASSES];
  return CLASSES.filter((riskClass) => {
    const severity = enabledRules.get(riskClass);
    return severity !== undefined && isAtLeast(severity, atLeast);
  });
}

/**
 * The actions of `classes` (scopable ones, as the risk rules report them) as a test on catalog
 * ids; null for no class. write-without-constraint leaves these to their rule, which reports them
 * by name and by what they risk.
 */
export function riskActionTest(catalog: Catalog, classes: readonly RiskClass[]): ((id: number) => boolean) | null {
  let mask = 0;
  for (const riskClass of classes) mask |= 1 << CLASSES.indexOf(riskClass);
  if (mask === 0) return null;
  const { flags } = riskIndex(catalog);
  return (id) => id < flags.length && (flags[id] & mask) !== 0;
}

/** The risky actions one grant allows, per class (catalog spelling, sorted). */
function grantRisks(grant: Grant, catalog: Catalog): string[][] {
  const index = riskIndex(catalog);
  const found: Set<number>[] = CLASSES.map(() => new Set<number>());
  forEachGranted(grant, index, (id) => {
    for (let i = 0; i < CLASSES.length; i++) if (index.flags[id] & (1 << i)) found[i].add(id);
  });
  return found.map((set) => [...set].map((id) => catalog.ids.name(id)).sort());
}

/** Per statement that grants some of the class's actions on every resource: those actions, catalog spelling, sorted. */
export function riskGrants(document: PolicyDocument, catalog: Catalog, riskClass: RiskClass): { grant: Grant; actions: string[] }[] {
  const which = CLASSES.indexOf(riskClass);
  const byGrant = memoTable<string[][]>(catalog, 'risk');
  const out: { grant: Grant; actions: string[] }[] = [];
  for (const grant of unconstrainedGrants(document, catalog)) {
    const actions = remember(byGrant, grant.key, () => grantRisks(grant, catalog))[which];
    if (actions.length > 0) out.push({ grant, actions });
  }
  return out;
}
