/**
 * How far a statement's Resource reaches, and whether an ARN can be of a resource type.
 *
 * "Broad" is the meaning of "on *" for our rules: the Resource list reaches every resource of the
 * types involved. That is `*` itself, NotResource (everything but a few), or an ARN whose resource
 * part is only wildcards, optionally after a type word (`arn:aws:iam::*:role/*`,
 * `arn:aws:lambda:*:*:function:*`, `arn:aws:s3:::*`). S3 ARNs carry no type word (the first
 * segment is a bucket name), so `arn:aws:s3:::my-bucket/*` is one bucket, not broad.
 */
import type { Statement } from '../model/types';

const WILDCARD_ONLY = /^[*/:]+$/;
const TYPE_THEN_WILDCARDS = /^[a-z][a-z0-9-]*[/:][*/:]+$/i;

/** True when one Resource entry reaches every resource of its type(s). */
export function isBroadResource(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return false;
  const service = parts[2];
  const resourcePart = parts.slice(5).join(':');
  if (WILDCARD_ONLY.test(resourcePart)) return true;
  return service !== 's3' && TYPE_THEN_WILDCARDS.test(resourcePart);
}

/** True when the statement's resources reach everything: all broad, or NotResource. */
export function reachesAllResources(statement: Statement): boolean {
  if (statement.notResources !== null) return true;
  const resources = statement.resources;
  return resources !== null && resources.length > 0 && resources.every(isBroadResource);
}

/** IAM user ARNs that name the caller itself (`user/${aws:username}`, any path). */
const SELF_USER = /^arn:[^:]*:iam::[^:]*:user\/(?:.*\/)?\$\{aws:username\}$/i;

/** True when every resource is the caller's own user: AWS's documented self-service pattern. */
export function isSelfOnly(statement: Statement): boolean {
  const resources = statement.resources;
  return statement.notResources === null && resources !== null && resources.length > 0 && resources.every((r) => SELF_USER.test(r));
}

/** Placeholder names in ARN formats whose values may hold `/` (object keys, paths). */
const SPANS_SLASHES = /path|objectname|prefix/i;

const formatCache = new Map<string, RegExp>();

/** A regular expression for an ARN format such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
export function arnFormatToRegExp(format: string): RegExp {
  let cached = formatCache.get(format);
  if (cached) return cached;
  let source = '';
  let rest = format;
  while (rest.length > 0) {
    const match = /^\$\{([^}]*)\}/.exec(rest);
    if (match) {
      const name = match[1];
      source += /^(partition|region|account)$/i.test(name) ? '[^:]*' : SPANS_SLASHES.test(name) ? '.+' : '[^/]+';
      rest = rest.slice(match[0].length);
    } else {
      source += rest[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      rest = rest.slice(1);
    }
  }
  cached = new RegExp(`^${source}$`, 'i');
  formatCache.set(format, cached);
  return cached;
}

/**
 * A literal stand-in for a Resource ARN as written: wildcards and `${...}` tokens become one
 * character, so "could this ARN be of that type" becomes a plain regular expression test.
 * Null when the entry is not an ARN we can judge (a whole Terraform reference, `*`).
 */
export function concreteArn(resource: string): string | null {
  if (!resource.startsWith('arn:')) return null;
  return resource.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x');
}
