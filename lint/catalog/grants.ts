/**
 * What a policy document grants, after wildcard expansion and Deny subtraction: the shared
 * statement analysis behind every rule that asks "does this allow X, on what, and is it
 * constrained?". Computed once per document and catalog.
 *
 * Deny subtracts when it surely applies: no Condition, and a Resource that covers the Allow's
 * (`*`, or every Allow resource listed verbatim). A Deny with Action takes those actions away; one
 * with NotAction takes away everything but its list, so only that list stays granted. A
 * conditional Deny may not apply, so it subtracts nothing; rules then judge the Allow as written.
 * A Deny with NotResource that surely applies and takes away every action the Allow grants leaves
 * it only the NotResource list: when that list names specific resources, the Allow no longer
 * reaches every resource (see narrowedByNotResource).
 */
import type { Inventory, PolicyDocument, PolicyRecord, Statement } from '../model/types';
import type { Catalog } from './catalog';
import { isAllActions } from './action-pattern';
import { listInWords } from './list-in-words';
import { actionSet, hasBit, idBits, type ActionSet, type ActionSetParts } from './action-set';
import { conditionConstrains, passedToServiceTests, type PassedToServiceTest } from './conditions';
import { catalogTable, memoPerCatalog, remember } from './memo';
import { isAllResources, isBroadResource, isSelfOnly, reachesAllResources } from './resources';

export interface PatternGrant {
  /** The pattern as written in Action. */
  pattern: string;
  /** True for `*` / `*:*`: then `ids` is left empty, so judging it never loads every service. */
  everything: boolean;
  /** What it expands to (catalog.ids), before any Deny: ask the grant's `actions.hasId` when `denied`. */
  ids: Int32Array;
}

export interface Grant {
  statement: Statement;
  /** Same for the same statement in documents of the same content (and for repeats of a statement in one document): a memo key for per-grant answers. */
  key: string;
  /** Every action the statement allows (catalog spelling), Deny subtracted. */
  actions: ActionSet;
  /** Per Action pattern; empty for a NotAction statement. */
  patterns: readonly PatternGrant[];
  /** True for an Allow with NotAction (it allows everything but the listed actions). */
  viaNotAction: boolean;
  /** True when a Deny of this document takes something away from it (per-pattern answers then need `actions.has`). */
  denied: boolean;
  /** Resources reach everything (see resources.ts). */
  allResources: boolean;
  /** Every resource is the caller's own user (`user/${aws:username}`). */
  selfOnly: boolean;
  /** A Condition narrows who or what is reached (see conditions.ts). */
  constrained: boolean;
  /**
   * When `iam:PassedToService` is the only constraint: its tests, naming the services roles may be
   * passed to (see conditions.ts); null otherwise. Only privilege-escalation asks.
   */
  passedTo: readonly PassedToServiceTest[] | null;
}

const cache = new WeakMap<Catalog, WeakMap<PolicyDocument, Grant[]>>();

function denyCovers(deny: Statement, allow: Statement): boolean {
  if (deny.condition !== null || (deny.actions === null && deny.notActions === null) || deny.notResources !== null) return false;
  const denied = deny.resources ?? [];
  if (denied.includes('*')) return true;
  if (allow.notResources !== null || allow.resources === null) return false;
  // A Set for long lists: 100,000 ARNs on each side must not cost 10^10 comparisons.
  const deniedSet = denied.length > 16 ? new Set(denied) : null;
  return allow.resources.every((r) => (deniedSet ? deniedSet.has(r) : denied.includes(r)));
}

/**
 * True when a NotResource entry of a Deny names a few resources, so the Deny leaves an Allow only
 * those. IAM's `*` matches `:` and `/` too, so `arn:*`, `**` or `arn:aws:*` are every ARN, and a
 * wildcard in the type word (`role*`: every role) is every resource of the type; neither narrows.
 * A non-S3 ARN's first resource segment is its type word (S3's is the bucket, which may be a
 * prefix like `app-*`, but not start with a wildcard). A whole `${...}` token counts as named
 * resources, as a Resource token does for an Allow (resources.ts).
 */
function namesFewResources(entry: string): boolean {
  if (isBroadResource(entry) || isAllResources(entry)) return false;
  const parts = entry.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return !/[*?]/.test(entry);
  const first = parts.slice(5).join(':').split(/[/:]/)[0];
  return parts[2] === 's3' ? !/^[*?]/.test(first) : !/[*?]/.test(first);
}

/**
 * True when `deny`, a Deny with NotResource and no Condition, takes away every action of an Allow
 * on `*`: the Allow then reaches only the NotResource list, and that list names specific resources
 * (`arn:aws:iam::*:role/*` would still be every role). `allowed` is the Allow's pattern expansions,
 * or null for `*` and NotAction (then only a Deny of `*` takes all of it away). A Deny that takes
 * some of the actions narrows nothing: rules judge a statement's reach as one, so those stay reported.
 */
function narrowedByNotResource(deny: Statement, allowed: readonly Int32Array[] | null, catalog: Catalog): boolean {
  if (deny.condition !== null || deny.notResources === null || deny.actions === null || deny.notResources.length === 0) return false;
  if (!deny.notResources.every(namesFewResources)) return false;
  if (deny.actions.some(isAllActions)) return true;
  if (allowed === null) return false;
  const denied = idBits(deny.actions.map((p) => catalog.ids.expand(p)));
  return allowed.every((ids) => ids.every((id) => hasBit(denied, id)));
}

/**
 * A short id for a document's content (everything but where its statements sit), so identical
 * documents (a plan attaches the same policy text to thousands of users) are analysed once.
 */
export function documentContentId(document: PolicyDocument, catalog: Catalog): string {
  const table = catalogTable(contentTables, catalog, () => ({ byDocument: new WeakMap(), byShape: new Map(), next: 0 }));
  return remember(table.byDocument, document, () => {
    // Documents of different shape (statement count, size) never share content: only a second
    // document of one shape makes both spell out their content (1,594 distinct files need none).
    const shape = `${document.statements.length}:${document.size}`;
    const newId = () => `d${table.next++}`;
    const entry = table.byShape.get(shape);
    if (!entry) {
      const id = newId();
      table.byShape.set(shape, { first: document, firstId: id, byContent: null });
      return id;
    }
    if (entry.byContent === null) entry.byContent = new Map([[contentOf(entry.first), entry.firstId]]);
    return remember(entry.byContent, contentOf(document), newId);
  });
}

function contentOf(document: PolicyDocument): string {
  return JSON.stringify(document.statements.map((st) => [st.effect, st.actions, st.notActions, st.resources, st.notResources, st.condition]));
}

interface ContentTable {
  byDocument: WeakMap<PolicyDocument, string>;
  byShape: Map<string, { first: PolicyDocument; firstId: string; byContent: Map<string, string> | null }>;
  next: number;
}

/** Per catalog, as the answers keyed by these ids are: ids of one catalog mean nothing to another. */
const contentTables = new WeakMap<Catalog, ContentTable>();

type GrantCore = Omit<Grant, 'statement'> & { index: number };

/** The Allow statements of `document`, each with what it really grants. */
export function documentGrants(document: PolicyDocument, catalog: Catalog): Grant[] {
  let perCatalog = cache.get(catalog);
  if (!perCatalog) {
    perCatalog = new WeakMap();
    cache.set(catalog, perCatalog);
  }
  const cached = perCatalog.get(document);
  if (cached) return cached;
  const id = documentContentId(document, catalog);
  const cores = memoPerCatalog(catalog, 'grant-cores', id, () => analyse(document, id, catalog));
  const grants = cores.map((core) => ({ ...core, statement: document.statements[core.index] }));
  perCatalog.set(document, grants);
  return grants;
}

function analyse(document: PolicyDocument, id: string, catalog: Catalog): GrantCore[] {
  const denies = document.statements.filter((s) => s.effect === 'Deny');
  const grants: GrantCore[] = [];
  // A long document that repeats a statement word for word (same document, so same Deny) grants
  // the same by each copy: analyse it once. Short documents are not worth the keys.
  const repeats = document.statements.length > 32 ? new Map<string, GrantCore>() : null;
  document.statements.forEach((statement, index) => {
    if (statement.effect !== 'Allow') return;
    const content = repeats && JSON.stringify([statement.actions, statement.notActions, statement.resources, statement.notResources, statement.condition]);
    const earlier = content === null ? undefined : repeats?.get(content);
    if (earlier) {
      grants.push({ ...earlier, index });
      return;
    }
    const denied: Int32Array[] = [];
    const keptOnly: Int32Array[][] = [];
    let keptPatterns: readonly string[] | null = null;
    let deniedEverything = false;
    for (const deny of denies) {
      if (!denyCovers(deny, statement)) continue;
      if (deny.actions === null) {
        const notActions = deny.notActions ?? [];
        // NotAction `*` excepts everything, so that Deny takes nothing away.
        if (notActions.some(isAllActions)) continue;
        keptOnly.push(notActions.map((p) => catalog.ids.expand(p)));
        keptPatterns ??= notActions;
        continue;
      }
      for (const pattern of deny.actions) {
        if (isAllActions(pattern)) deniedEverything = true;
        else denied.push(catalog.ids.expand(pattern));
      }
    }
    const patterns: PatternGrant[] = [];
    const viaNotAction = statement.actions === null && statement.notActions !== null;
    const parts: ActionSetParts = { everything: viaNotAction, included: [], excluded: [], denied, keptOnly };
    if (deniedEverything) {
      // An unconditional Deny of everything on these resources: nothing is granted.
      parts.everything = false;
    } else if (viaNotAction) {
      parts.excluded = (statement.notActions ?? []).map((p) => catalog.ids.expand(p));
    } else {
      for (const pattern of statement.actions ?? []) {
        if (isAllActions(pattern) && keptPatterns !== null) {
          // `*` less a Deny of everything but a list grants that list: judge it as if written so.
          keptPatterns.forEach((kept, i) => {
            parts.included.push(keptOnly[0][i]);
            patterns.push({ pattern: kept, everything: false, ids: keptOnly[0][i] });
          });
          continue;
        }
        if (isAllActions(pattern)) {
          parts.everything = true;
          patterns.push({ pattern, everything: true, ids: new Int32Array(0) });
          continue;
        }
        const ids = catalog.ids.expand(pattern);
        parts.included.push(ids);
        patterns.push({ pattern, everything: false, ids });
      }
    }
    // The Denies that leave this Allow only their NotResource list (only asked of an Allow on every resource).
    const narrowing = reachesAllResources(statement) ? denies.filter((deny) => narrowedByNotResource(deny, parts.everything ? null : parts.included, catalog)) : [];
    const core: GrantCore = {
      index,
      key: `${id}#${index}`,
      actions: actionSet(parts, catalog),
      patterns,
      viaNotAction,
      denied: deniedEverything || denied.length > 0 || keptOnly.length > 0,
      allResources: reachesAllResources(statement) && narrowing.length === 0,
      // `Deny ... NotResource user/${aws:username}` leaves an Allow on `*` the caller's own user.
      selfOnly: isSelfOnly(statement) || narrowing.some((deny) => isSelfOnly({ ...deny, resources: deny.notResources, notResources: null })),
      constrained: conditionConstrains(statement.condition),
      passedTo: passedToServiceTests(statement.condition),
    };
    grants.push(core);
    if (content) repeats?.set(content, core);
  });
  return grants;
}

/** Actions of `document` granted on every resource with no constraining Condition. */
export function unconstrainedGrants(document: PolicyDocument, catalog: Catalog): Grant[] {
  return documentGrants(document, catalog).filter((g) => g.allResources && !g.constrained);
}

/** Actions a rule looks for in many grants: their ids, and a flag per id (0 = not wanted; ids beyond its length are not). */
export interface WantedIds {
  flags: Uint8Array;
  ids: readonly number[];
}

/**
 * Calls `visit` for each wanted action the grant allows, possibly more than once per action. A
 * grant that names its actions is walked through its own patterns (usually a few ids); `*` and
 * NotAction grants through the wanted list: either way the cost is the smaller side.
 */
export function forEachGranted(grant: Grant, wanted: WantedIds, visit: (id: number) => void): void {
  const { flags } = wanted;
  if (grant.viaNotAction || grant.patterns.some((p) => p.everything)) {
    for (const id of wanted.ids) if (grant.actions.hasId(id)) visit(id);
    return;
  }
  for (const { ids } of grant.patterns) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id < flags.length && flags[id] !== 0 && (!grant.denied || grant.actions.hasId(id))) visit(id);
    }
  }
}

/** Identity policies with a parsed document (trust policies grant nothing to their holder, nor do permissions boundaries). */
export function identityPolicies(inventory: Inventory): (PolicyRecord & { document: PolicyDocument })[] {
  return identityDocuments(inventory).filter((p) => p.boundary !== true);
}

/** Identity policies and permissions boundaries with a parsed document: what an Allow in them says about actions and resources. */
export function identityDocuments(inventory: Inventory): (PolicyRecord & { document: PolicyDocument })[] {
  return inventory.policies.filter((p): p is PolicyRecord & { document: PolicyDocument } => p.document !== null && p.kind !== 'trust');
}

/** "a, b, c and 4 more": sorted, at most `limit` names, for messages. */
export function listActions(actions: Iterable<string>, limit = 5): string {
  return listInWords([...new Set(actions)].sort(), limit);
}
