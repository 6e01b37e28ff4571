/**
 * Resource-based policies (S3 bucket, KMS key, SQS queue, SNS topic, ECR repository policies) name
 * a Principal in every statement: they say who may act on one resource, not what an identity may
 * do. This linter judges identity policies, so a file holding one is skipped with a reason that
 * says so, rather than read as an identity policy and drawing "must not carry Principal" errors on
 * a valid file. A role trust policy (Principal, sts:AssumeRole*, no Resource) is read as one
 * (policy-file.ts); a document where only some statements name a Principal is read and reported.
 */
import { isRecord } from './reader';

export const RESOURCE_POLICY_SKIP_REASON =
  'a resource-based policy (every statement names a Principal, as bucket, key and queue policies do): not read, this linter judges identity policies';

/** One document whose every statement is an object naming a Principal (or NotPrincipal). */
export function isResourcePolicyDocument(value: unknown): boolean {
  if (!isRecord(value) || !('Statement' in value)) return false;
  const statements: unknown[] = Array.isArray(value.Statement) ? value.Statement : [value.Statement];
  return statements.length > 0 && statements.every((s) => isRecord(s) && ('Principal' in s || 'NotPrincipal' in s));
}
