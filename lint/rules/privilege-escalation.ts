/**
 * privilege-escalation: grants that let the holder raise its own rights, judged against the
 * known paths in lint/catalog/data/privilege-escalation.json after wildcard expansion (so
 * `iam:*`, `iam:Put*` and `*` are caught) and Deny subtraction. A path is open when each of its
 * actions is granted, with no constraining Condition, either
 * - on every resource (`*`, NotResource, `role/*`, ...: see lint/catalog/resources.ts), or
 * - for the credential actions (CreateAccessKey, CreateLoginProfile, UpdateLoginProfile, ...),
 *   on any user other than the caller: `user/${aws:username}` is AWS's self-service pattern.
 * Specific ARNs otherwise count as a deliberate scope (e.g. eksctl's `role/eksctl-*`).
 * One finding per statement, at the statement that grants the path's first action, naming the paths.
 * Paths that no single document opens but the policies one principal holds open together
 * (iam:PassRole in one, lambda:CreateFunction in another) are reported once per principal.
 */
import type { Catalog } from '../catalog/catalog';
import escalationFile from '../catalog/data/privilege-escalation.json';
import { documentContentId, documentGrants, identityPolicies, type Grant } from '../catalog/grants';
import { heldPolicies, type HeldPolicy } from '../catalog/held-policies';
import { memoPerCatalog } from '../catalog/memo';
import { policyLabel } from '../catalog/policy-label';
import { statementId } from '../model/parse-document';
import type { Inventory, PolicyDocument, RawFinding } from '../model/types';
import { principalLabel, principalsByKey, statementOrigin } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

interface EscalationPath {
  id: string;
  actions: string[];
  how: string;
}

const PATHS: readonly EscalationPath[] = escalationFile.paths;
const SELF_SERVICE = new Set(escalationFile.selfService.actions.map((a) => a.toLowerCase()));

const meta: RuleMeta = {
  id: 'privilege-escalation',
  defaultSeverity: 'error',
  description: 'Grants that let the holder raise its own rights (known escalation paths, after wildcard expansion)',
  messages: {
    escalationAcrossPolicies:
      '{{principal}} holds policies that together open privilege escalation by {{paths}}: {{how}} ({{policies}}). ' +
      'Drop or scope one side of each path.',
    escalation:
      '{{policy}}statement opens privilege escalation by {{paths}}: {{how}}. ' +
      'Drop these actions, or scope them to named resources (iam:PassRole with an iam:PassedToService Condition; credential actions on user/${aws:username}).',
  },
  needsCatalog: true,
};

/** The first statement that grants `action` in a way that opens a path, or null. */
function openingGrant(action: string, grants: Grant[]): Grant | null {
  const selfService = SELF_SERVICE.has(action.toLowerCase());
  for (const grant of grants) {
    if (grant.constrained || !grant.actions.has(action)) continue;
    if (grant.allResources || (selfService && !grant.selfOnly)) return grant;
  }
  return null;
}

/** Each path with its actions in catalog spelling; once per catalog. */
function pathsInCatalogSpelling(catalog: Catalog): { path: EscalationPath; names: string[] }[] {
  return memoPerCatalog(catalog, 'escalation-paths', '', () =>
    PATHS.map((path) => ({ path, names: path.actions.map((a) => catalog.action(a)?.name ?? a) })),
  );
}

const openingsByDocument = new WeakMap<Catalog, WeakMap<PolicyDocument, Map<string, Grant>>>();

/** Per action of any path (catalog spelling), the first statement of `document` that grants it in a way that opens a path; once per document. */
function openingsOf(document: PolicyDocument, catalog: Catalog): Map<string, Grant> {
  let perCatalog = openingsByDocument.get(catalog);
  if (!perCatalog) {
    perCatalog = new WeakMap();
    openingsByDocument.set(catalog, perCatalog);
  }
  let openings = perCatalog.get(document);
  if (!openings) {
    openings = new Map();
    const grants = firstOfEachContent(documentGrants(document, catalog));
    if (grants.length > 0) {
      for (const { names } of pathsInCatalogSpelling(catalog)) {
        for (const name of names) {
          if (openings.has(name)) continue;
          const grant = openingGrant(name, grants);
          if (grant) openings.set(name, grant);
        }
      }
    }
    perCatalog.set(document, openings);
  }
  return openings;
}

const openByDocument = new WeakMap<Catalog, WeakMap<PolicyDocument, Map<Grant, EscalationPath[]>>>();

/** Open paths of one document, grouped by the statement of each path's first action; once per document. */
export function openPaths(document: PolicyDocument, catalog: Catalog): Map<Grant, EscalationPath[]> {
  let perCatalog = openByDocument.get(catalog);
  if (!perCatalog) {
    perCatalog = new WeakMap();
    openByDocument.set(catalog, perCatalog);
  }
  let open = perCatalog.get(document);
  if (!open) {
    open = new Map();
    const openings = openingsOf(document, catalog);
    for (const { path, names } of pathsInCatalogSpelling(catalog)) {
      const anchor = openings.get(names[0]);
      if (!anchor || !names.every((name) => openings.has(name))) continue;
      open.set(anchor, [...(open.get(anchor) ?? []), path]);
    }
    perCatalog.set(document, open);
  }
  return open;
}

/**
 * The grants of one document less those repeating an earlier statement word for word (same
 * document, so same Deny): a repeat can never be the first to open a path. Only long documents
 * are worth the keys; 100,000 copies of one statement must not cost 100,000 lookups per action.
 */
function firstOfEachContent(grants: Grant[]): Grant[] {
  if (grants.length <= 32) return grants;
  const seen = new Set<string>();
  return grants.filter(({ statement: s }) => {
    const key = JSON.stringify([s.actions, s.notActions, s.resources, s.notResources, s.condition]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describePaths(paths: EscalationPath[]): { paths: string; how: string } {
  const shown = paths.slice(0, 3).map((p) => `${p.id} (${p.actions.join(' + ')})`);
  const more = paths.length > 3 ? ` and ${paths.length - 3} more paths (${paths.slice(3).map((p) => p.id).join(', ')})` : '';
  return { paths: shown.join(', ') + more, how: paths[0].how };
}

interface Together {
  paths: EscalationPath[];
  /** Indexes into the held policies of those whose statements open them. */
  contributing: number[];
}

/**
 * Paths open only when these held policies are taken together. Depends only on their contents in
 * order, so principals holding the same set share it.
 */
function openTogether(held: HeldPolicy[], catalog: Catalog): Together {
  const key = held.map((p) => documentContentId(p.document, catalog)).join(',');
  return memoPerCatalog(catalog, 'escalation-together', key, () => {
    const alone = new Set<string>();
    for (const policy of held) for (const paths of openPaths(policy.document, catalog).values()) for (const path of paths) alone.add(path.id);
    const openings = held.map((policy) => openingsOf(policy.document, catalog));
    const paths: EscalationPath[] = [];
    const contributing = new Set<number>();
    for (const { path, names } of pathsInCatalogSpelling(catalog)) {
      if (alone.has(path.id)) continue;
      // Each action's first holder, in held order: the policy whose statement opens it first.
      const holders = names.map((name) => openings.findIndex((o) => o.has(name)));
      if (holders.some((i) => i < 0)) continue;
      paths.push(path);
      for (const i of holders) contributing.add(i);
    }
    return { paths, contributing: [...contributing] };
  });
}

/** Paths open only when a principal's policies are taken together. */
function acrossPolicies(inventory: Inventory, catalog: Catalog): RawFinding[] {
  const findings: RawFinding[] = [];
  const principals = principalsByKey(inventory);
  for (const principal of inventory.principals) {
    const held = heldPolicies(principal.key, inventory, catalog);
    if (held.length < 2) continue;
    const together = openTogether(held, catalog);
    if (together.paths.length === 0) continue;
    const policies = [...new Set(together.contributing.map((i) => held[i].via))].sort().join(', ');
    const data = { principal: principalLabel(principal.key, principals), policies, ...describePaths(together.paths) };
    findings.push(report(meta, 'escalationAcrossPolicies', data, principal.origin, null));
  }
  return findings;
}

export const privilegeEscalation: Rule = {
  meta,
  check({ inventory, catalog }) {
    const findings: RawFinding[] = [];
    for (const policy of identityPolicies(inventory)) {
      const open = [...openPaths(policy.document, catalog)].sort(([a], [b]) => a.statement.index - b.statement.index);
      for (const [grant, paths] of open) {
        const data = { policy: policyLabel(policy), ...describePaths(paths) };
        findings.push(report(meta, 'escalation', data, statementOrigin(policy, grant.statement), statementId(grant.statement)));
      }
    }
    findings.push(...acrossPolicies(inventory, catalog));
    return findings;
  },
};
