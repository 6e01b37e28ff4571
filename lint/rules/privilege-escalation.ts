/**
 * privilege-escalation: grants that let the holder raise its own rights, judged against the
 * known paths in lint/catalog/data/privilege-escalation.json after wildcard expansion (so
 * `iam:*`, `iam:Put*` and `*` are caught) and Deny subtraction. A path is open when each of its
 * actions is granted, with no constraining Condition, either
 * - on every resource (`*`, NotResource, `role/*`, ...: see lint/catalog/resources.ts), or
 * - for the credential actions (CreateAccessKey, CreateLoginProfile, UpdateLoginProfile, ...),
 *   on any user other than the caller: `user/${aws:username}` is AWS's self-service pattern;
 * - for the actions that write one's own rights (AttachUserPolicy, PutUserPolicy, the permissions
 *   boundary), on the caller's own user too.
 * Specific ARNs otherwise count as a deliberate scope (e.g. eksctl's `role/eksctl-*`).
 * iam:PassRole limited by an iam:PassedToService Condition opens the paths that pass the role to
 * one of those services (PassRole to lambda.amazonaws.com with lambda:CreateFunction and
 * InvokeFunction: the holder's own function runs with the role); other conditions close a path.
 * One finding per statement, at the statement that grants the path's first action, naming the paths.
 * Paths that no single document opens but the policies one principal holds open together
 * (iam:PassRole in one, lambda:CreateFunction in another) are reported once per principal.
 */
import type { Catalog } from '../catalog/catalog';
import escalationFile from '../catalog/data/privilege-escalation.json';
import { documentContentId, documentGrants, forEachGranted, identityPolicies, type Grant, type WantedIds } from '../catalog/grants';
import { heldPolicies, type HeldPolicy } from '../catalog/held-policies';
import { passesTo } from '../catalog/conditions';
import { catalogTable, memoPerCatalog, remember } from '../catalog/memo';
import { policyLabel } from '../catalog/policy-label';
import { statementId } from '../model/parse-document';
import type { Inventory, PolicyDocument, RawFinding } from '../model/types';
import { principalLabel, principalsByKey, statementOrigin } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

interface EscalationPath {
  id: string;
  actions: string[];
  /** Service principals the path passes its role to (see the data file's comment). */
  passedTo?: string[];
  how: string;
}

const PATHS: readonly EscalationPath[] = escalationFile.paths;
const SELF_SERVICE = new Set(escalationFile.selfService.actions.map((a) => a.toLowerCase()));
const ON_SELF = new Set(escalationFile.onSelf.actions.map((a) => a.toLowerCase()));

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
      'Drop these actions, or scope them to named resources (iam:PassRole to named roles, or with an iam:PassedToService Condition for a service whose compute this identity cannot also create; credential actions on user/${aws:username}).',
  },
  subjects: { escalationAcrossPolicies: 'across the policies of {{principal}}', escalation: '{{policy}}' },
  needsCatalog: true,
};

/** One action of a path: its id (-1 when the catalog lacks it: then it never opens the path). */
interface PathAction {
  id: number;
  /** A credential action, which opens a path on any user other than the caller. */
  selfService: boolean;
  /** An action that opens a path on the caller's own user too (AttachUserPolicy on user/${aws:username}). */
  onSelf: boolean;
  /** iam:PassRole, which a statement limited to the path's services (iam:PassedToService) opens too. */
  passRole: boolean;
}

interface PathInCatalog {
  path: EscalationPath;
  actions: PathAction[];
}

/** Each path with its actions as ids; once per catalog. */
function pathsInCatalog(catalog: Catalog): PathInCatalog[] {
  return memoPerCatalog(catalog, 'escalation-paths', '', () =>
    PATHS.map((path) => ({
      path,
      actions: path.actions.map((a) => ({
        id: catalog.ids.of(a),
        selfService: SELF_SERVICE.has(a.toLowerCase()),
        onSelf: ON_SELF.has(a.toLowerCase()),
        passRole: a.toLowerCase() === 'iam:passrole',
      })),
    })),
  );
}

const SELF_SERVICE_FLAG = 2;
const ON_SELF_FLAG = 4;

/**
 * Every action of any path as wanted ids: flag 1, with SELF_SERVICE_FLAG for credential actions and
 * ON_SELF_FLAG for those that escalate on oneself; and iam:PassRole's id (-1 when no path has it),
 * for statements limited to a service. Once per catalog.
 */
function pathActionIndex(catalog: Catalog): WantedIds & { passRole: number } {
  return memoPerCatalog(catalog, 'escalation-index', '', () => {
    const byId = new Map<number, number>();
    let passRole = -1;
    for (const { actions } of pathsInCatalog(catalog)) {
      for (const action of actions) {
        if (action.id < 0) continue;
        byId.set(action.id, 1 | (action.selfService ? SELF_SERVICE_FLAG : 0) | (action.onSelf ? ON_SELF_FLAG : 0));
        if (action.passRole) passRole = action.id;
      }
    }
    const flags = new Uint8Array(catalog.ids.count());
    for (const [id, flag] of byId) flags[id] = flag;
    return { flags, ids: [...byId.keys()], passRole };
  });
}

interface Openings {
  /** Per action of any path (by id), the first statement that grants it in a way that opens a path. */
  byAction: Map<number, Grant>;
  /**
   * Statements granting iam:PassRole on every resource whose only constraint is
   * iam:PassedToService, in statement order: they open the paths that pass a role to one of
   * those services (a Lambda function the holder creates runs with the role it passed).
   */
  passRoleTo: Grant[];
}

const openingsByDocument = new WeakMap<Catalog, WeakMap<PolicyDocument, Openings>>();

/** What of `document` opens a path, by action; once per document. */
function openingsOf(document: PolicyDocument, catalog: Catalog): Openings {
  return remember(catalogTable(openingsByDocument, catalog, () => new WeakMap()), document, () => {
    const found = new Map<number, Grant>();
    const passRoleTo: Grant[] = [];
    const index = pathActionIndex(catalog);
    // In statement order, so each action keeps the first statement that opens a path by it.
    for (const grant of firstOfEachContent(documentGrants(document, catalog))) {
      if (grant.constrained) {
        if (grant.passedTo !== null && grant.allResources && grant.actions.hasId(index.passRole)) passRoleTo.push(grant);
        continue;
      }
      // Scoped to the caller's own user, only the actions that escalate on oneself open a path;
      // scoped to other named resources, only the credential actions (on someone else).
      const selfOnly = !grant.allResources && grant.selfOnly;
      const opensOnNamed = selfOnly ? ON_SELF_FLAG : SELF_SERVICE_FLAG;
      forEachGranted(grant, index, (id) => {
        if (!found.has(id) && (grant.allResources || (index.flags[id] & opensOnNamed) !== 0)) found.set(id, grant);
      });
    }
    return { byAction: found, passRoleTo };
  });
}

/** The statement that opens `action` of `path`: granted as a path needs it, or iam:PassRole limited to a service the path passes its role to. */
function opener(openings: Openings, action: PathAction, { path }: PathInCatalog): Grant | undefined {
  const found = openings.byAction.get(action.id);
  if (found || !action.passRole || path.passedTo === undefined || openings.passRoleTo.length === 0) return found;
  const services = path.passedTo;
  return openings.passRoleTo.find((grant) => grant.passedTo !== null && services.some((service) => passesTo(grant.passedTo ?? [], service)));
}

const openByDocument = new WeakMap<Catalog, WeakMap<PolicyDocument, Map<Grant, EscalationPath[]>>>();

/** Open paths of one document, grouped by the statement of each path's first action; once per document. */
export function openPaths(document: PolicyDocument, catalog: Catalog): Map<Grant, EscalationPath[]> {
  return remember(catalogTable(openByDocument, catalog, () => new WeakMap()), document, () => {
    const open = new Map<Grant, EscalationPath[]>();
    const openings = openingsOf(document, catalog);
    for (const entry of pathsInCatalog(catalog)) {
      const anchor = opener(openings, entry.actions[0], entry);
      if (!anchor || !entry.actions.every((a) => opener(openings, a, entry) !== undefined)) continue;
      open.set(anchor, [...(open.get(anchor) ?? []), entry.path]);
    }
    return open;
  });
}

/**
 * The grants of one document less those repeating an earlier statement word for word (same
 * document, so same Deny): a repeat can never be the first to open a path. documentGrants gives
 * a repeat the key of its first copy; 100,000 copies must not cost 100,000 lookups per action.
 */
function firstOfEachContent(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((grant) => {
    if (seen.has(grant.key)) return false;
    seen.add(grant.key);
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
    for (const entry of pathsInCatalog(catalog)) {
      if (alone.has(entry.path.id)) continue;
      // Each action's first holder, in held order: the policy whose statement opens it first.
      const holders = entry.actions.map((a) => openings.findIndex((o) => opener(o, a, entry) !== undefined));
      if (holders.some((i) => i < 0)) continue;
      paths.push(entry.path);
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
    for (const f of acrossPolicies(inventory, catalog)) findings.push(f);
    return findings;
  },
};
