/**
 * `${...}` strings: which are one whole interpolation, and what a reference inside one names.
 * Anything we cannot follow stays an opaque token: an unknown account id is not a wildcard.
 */

import { wholeInterpolation } from '../model/terraform-string';

export { wholeInterpolation };

export interface Reference {
  /** Address relative to the module, without instance key: `aws_iam_user.x`, `data.aws_iam_policy_document.d`. */
  address: string;
  /** The attribute read: `name`, `arn`, `json`, ... (null for a bare resource reference). */
  attribute: string | null;
}

const REFERENCE = /^((?:data\.)?[A-Za-z][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.([A-Za-z_][A-Za-z0-9_]*))?$/;

/** A plain resource reference (`aws_iam_policy.x.arn`, `data.aws_iam_policy_document.d.json`). */
export function parseReference(expression: string): Reference | null {
  const m = REFERENCE.exec(expression.trim());
  if (m === null || m[1] === undefined) return null;
  const [first] = m[1].split('.');
  if (first === 'var' || first === 'local' || first === 'module' || first === 'each' || first === 'count' || first === 'path' || first === 'self') return null;
  return { address: m[1], attribute: m[2] ?? null };
}

/** The reference a whole-interpolation string makes, if it is one. */
export function referenceIn(value: unknown): Reference | null {
  if (typeof value !== 'string') return null;
  const inner = wholeInterpolation(value);
  return inner === null ? null : parseReference(inner);
}

export function hasInterpolation(value: string): boolean {
  return value.includes('${');
}
