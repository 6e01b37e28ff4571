/**
 * What AWS knows, behind one interface so rules never load data themselves.
 * The implementation (lint/catalog/aws-catalog.ts) loads data lazily, per service, and expands
 * each pattern once; rules that need no catalog never trigger a load.
 */
import type { PolicyDocument } from '../model/types';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface ResourceTypeRef {
  /** Resource type name as the service authorization reference spells it (e.g. `object`, `bucket`). */
  name: string;
  /** ARN patterns for the type, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arns: string[];
  required: boolean;
}

export interface ActionInfo {
  /** `service:Action` in the catalog's spelling. */
  name: string;
  accessLevel: AccessLevel;
  /** Empty when the action only supports `*`. */
  resourceTypes: ResourceTypeRef[];
}

/**
 * The catalog's actions as numbers: each action gets an id when its service is first read (a
 * service's actions take one contiguous run), so grants can be bit sets and per-action facts
 * typed arrays. Ids are stable for the catalog's life and carry no meaning across catalogs or
 * runs: never let their order reach a report.
 */
export interface ActionIds {
  /** Ids of the actions `pattern` matches, in expand()'s order; empty when none. Once per pattern. */
  expand(pattern: string): Int32Array;
  /** Id of an action (any case), or -1 when the catalog does not have it. */
  of(name: string): number;
  /** Catalog spelling of an id. */
  name(id: number): string;
  /** Lower-case service prefix of an id. */
  serviceOf(id: number): string;
  /** Access level, after the documented exceptions. */
  level(id: number): AccessLevel;
  /** True when the action has no resource types: it only takes `*`. */
  starOnly(id: number): boolean;
  /**
   * The ARN formats of the action's resource types, in data order (`arn:${Partition}:s3:::${BucketName}`);
   * [] when it only takes `*`; null when one of its types has no format in the data (another service's).
   */
  formats(id: number): readonly string[] | null;
  /** Ids handed out so far (every id is below): the size for a bit set of any expansion made until now. */
  count(): number;
  /** The run of ids of one service's actions (reading it), or null for an unknown service. */
  service(prefix: string): { start: number; end: number } | null;
}

export interface Catalog {
  /** The same actions as numbers, for rules that judge many grants (see ActionIds). */
  readonly ids: ActionIds;
  /** Version of the action catalog data, printed by --version and in SARIF. */
  dataVersion(): string;
  /** Every action (catalog spelling) that an action pattern such as `s3:Get*` matches; [] when none. */
  expand(pattern: string): readonly string[];
  /** Details of one action (case-insensitive), or null when the catalog does not have it. */
  action(name: string): ActionInfo | null;
  serviceExists(service: string): boolean;
  /** Lower-case service prefixes the catalog knows (for suggestions). */
  serviceNames(): readonly string[];
  /** Every action of one service, catalog spelling; [] for an unknown service. */
  serviceActions(service: string): readonly string[];
  /** Actions that AWS managed policies grant but the catalog lacks (retired or undocumented ones). */
  isKnownLegacyAction(name: string): boolean;
  /** The document of an AWS managed policy by ARN, in any partition; null when not an AWS managed ARN we know. */
  managedPolicy(arn: string): { name: string; document: PolicyDocument } | null;
}
