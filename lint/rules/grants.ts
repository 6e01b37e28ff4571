/**
 * What a statement grants, read from the model (never from the JSON text), shared by the rules
 * that need no catalog. Wildcards are judged by meaning: `*`, `*:*` and `arn:*` all mean "every".
 */
import { isAllActions } from '../catalog/action-pattern';
import { identityPolicies } from '../catalog/grants';
import { isAwsManagedPolicyArn } from '../catalog/managed-policies';
import { isAllResources } from '../catalog/resources';
import type { Inventory, Origin, PolicyDocument, PolicyRecord, Principal, Statement } from '../model/types';

/**
 * An identity-policy statement that allows every action on every resource (Condition aside).
 * NotResource counts as every resource: everything but a few ARNs is still administrator access.
 */
export function allowsEverything(statement: Statement): boolean {
  return (
    statement.effect === 'Allow' &&
    (statement.actions ?? []).some(isAllActions) &&
    (statement.notResources !== null || (statement.resources ?? []).some(isAllResources))
  );
}

export type DenyEffect = 'none' | 'everything' | 'some';

/**
 * What the document's Deny statements take away from an allow-everything grant. Only an
 * unconditional Deny of every action on every resource takes away everything; a Deny of
 * everything but a list (NotAction) leaves only that list, which is not everything either.
 */
export function denyEffect(document: PolicyDocument): DenyEffect {
  let effect: DenyEffect = 'none';
  for (const s of document.statements) {
    if (s.effect !== 'Deny') continue;
    const unconditional = s.condition === null;
    const everywhere = (s.resources ?? []).some(isAllResources);
    if (unconditional && everywhere && ((s.actions ?? []).some(isAllActions) || s.notActions !== null)) return 'everything';
    effect = 'some';
  }
  return effect;
}

/**
 * AWS managed AdministratorAccess in any partition (aws, aws-cn, aws-us-gov, aws-iso...), also when
 * the partition is a `${data.aws_partition...}` token; needs no catalog.
 */
export function isAdministratorAccessArn(arn: string): boolean {
  const trimmed = arn.trim();
  return trimmed.endsWith(':policy/AdministratorAccess') && isAwsManagedPolicyArn(trimmed);
}

/** Policies whose document we have, for rules that judge grants (see identityPolicies: not trust policies, not boundaries). */
export function grantingPolicies(inventory: Inventory): { policy: PolicyRecord; document: PolicyDocument }[] {
  return identityPolicies(inventory).map((policy) => ({ policy, document: policy.document }));
}

/** The origin of a statement: the policy's, at the statement's own line when the reader knew it. */
export function statementOrigin(policy: PolicyRecord, statement: Statement | null): Origin {
  if (statement === null || statement.line === null) return policy.origin;
  return { ...policy.origin, line: statement.line };
}

export function principalsByKey(inventory: Inventory): Map<string, Principal> {
  return new Map(inventory.principals.map((p) => [p.key, p]));
}

/** A principal's name for messages: its configured name, else the tail of its key. */
export function principalLabel(key: string, principals: Map<string, Principal>): string {
  const name = principals.get(key)?.name;
  if (name) return name;
  const tail = key.split('::').pop();
  return tail && tail.length > 0 ? tail : key;
}
