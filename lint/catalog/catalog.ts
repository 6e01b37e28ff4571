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
  conditionKeys: string[];
}

export interface Catalog {
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
