/**
 * Which Conditions constrain a grant. One rule, used by every "on *" rule:
 *
 *   A statement is constrained when at least one of its condition keys narrows WHO or WHAT the
 *   grant reaches (resource tags, request tags, the service a role is passed to, the resource's
 *   account or organisation, a prefix, ...).
 *
 * Keys that only describe HOW, WHEN or FROM WHERE a request is made (TLS, region, time, MFA,
 * source IP or VPC, user agent) leave every resource reachable, so they do not constrain.
 * Neither do `...IfExists` operators nor the `ForAllValues:` prefix (both hold when the key is
 * absent from the request), the `Null` operator (it tests presence, not value), negated
 * operators (`StringNotEquals`, `ArnNotLike`, ...: everything but the values, as NotResource is
 * everything but its ARNs), nor a `*Like` test whose only value is `*`.
 */
import type { ConditionBlock } from '../model/types';

const CONTEXT_ONLY_KEYS = new Set(
  [
    'aws:SecureTransport',
    'aws:RequestedRegion',
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:MultiFactorAuthPresent',
    'aws:MultiFactorAuthAge',
    'aws:SourceIp',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:VpcSourceIp',
    'aws:UserAgent',
    'aws:Referer',
    'aws:TokenIssueTime',
    's3:TlsVersion',
    's3:signatureversion',
    's3:signatureAge',
    's3:authType',
    's3:x-amz-content-sha256',
  ].map((k) => k.toLowerCase()),
);

/** True when the key says nothing about who or what is reached (see the module comment). */
export function isContextOnlyKey(key: string): boolean {
  return CONTEXT_ONLY_KEYS.has(key.toLowerCase());
}

function operatorConstrains(operator: string): boolean {
  if (/IfExists$/i.test(operator) || /^ForAllValues:/i.test(operator)) return false;
  const base = operator.replace(/^ForAnyValue:/i, '');
  return base.toLowerCase() !== 'null' && !/^(String|Arn|Numeric|Date)Not/i.test(base);
}

/** True when the condition block narrows who or what the statement's grant reaches. */
export function conditionConstrains(condition: ConditionBlock | null): boolean {
  if (!condition) return false;
  for (const [operator, keys] of Object.entries(condition)) {
    if (!operatorConstrains(operator)) continue;
    const like = /Like$/i.test(operator);
    for (const [key, values] of Object.entries(keys)) {
      if (isContextOnlyKey(key)) continue;
      if (like && values.length > 0 && values.every((v) => v === '*')) continue;
      return true;
    }
  }
  return false;
}
