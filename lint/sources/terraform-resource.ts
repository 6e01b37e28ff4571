/**
 * The shape every Terraform input (configuration JSON, HCL, plan) is brought to before linking:
 * resources with their attribute values, where nested blocks are objects or lists of objects and
 * anything Terraform would compute is a `${...}` string.
 */
import type { Origin } from '../model/types';
import { isRecord } from './reader';

export interface TerraformResource {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Full address, e.g. `aws_iam_user.x`, `data.aws_iam_policy_document.d`, `module.m.aws_iam_role.r[0]`. */
  address: string;
  /** Module path that references inside this resource are relative to: '' or e.g. 'module.m.'. */
  module: string;
  body: Record<string, unknown>;
  origin: Origin;
  /** Line of each `statement` block, for policy document data sources, when the reader knows it. */
  statementLines?: (number | null)[];
}

/** Resources that may refer to each other: one configuration folder, or one plan. */
export interface TerraformUnit {
  /** Where links are resolved; principals and policies outside the unit stay unresolved. */
  scope: string;
  resources: TerraformResource[];
  /** Values as Terraform planned them (a plan), rather than as written in configuration. */
  planned: boolean;
  /** `locals` values of a configuration, by name: a policy is often `policy = local.name`. */
  locals?: Map<string, unknown>;
}

/** Address without a trailing instance key (`aws_iam_user.x[0]` -> `aws_iam_user.x`). */
export function baseAddress(address: string): string {
  // Most addresses have no key: a plan of 10,000 resources asks twice per resource.
  return address.endsWith(']') ? address.replace(/\[[^\]]*\]$/, '') : address;
}

/** A nested block as a list of objects, whether written as one object or a list (JSON vs HCL). */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** String-valued attribute, or null when absent or not a string. */
export function stringAttr(body: Record<string, unknown>, name: string): string | null {
  const v = body[name];
  return typeof v === 'string' ? v : null;
}

/** A list attribute of strings; a single string (e.g. one `${var.x}` token) becomes a list of one. */
export function stringListAttr(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Terraform booleans may arrive as true/false or as "true"/"false" strings (HCL, cdktf tokens). */
export function boolAttr(body: Record<string, unknown>, name: string): boolean | null {
  const v = body[name];
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return null;
}

/** Attribute is set to something other than null/empty string. */
export function isSet(body: Record<string, unknown>, name: string): boolean {
  const v = body[name];
  return v !== undefined && v !== null && v !== '';
}

/** Terraform object keys that are comments (cdktf's `//` metadata). */
export function isComment(key: string): boolean {
  return key.startsWith('//');
}
