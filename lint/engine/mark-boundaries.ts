/**
 * Permissions boundaries among the policies read. A policy whose name an `iam:PermissionsBoundary`
 * condition names (`...:policy/<path>NAME`; exact names only, not globs), and that no principal
 * holds (no attachment, no inline grant), is the cap a policy's holder must put on the roles or
 * users it creates: judging it as a grant would report, say, the EC2 writes a node role may make
 * as writes someone holds. Only customer managed policies and policy files are such policies (a
 * condition naming an AWS managed policy, `arn:aws:iam::aws:policy/NAME`, names none of them); a
 * file's name is its file name without `.json` (policies/ names its boundaries so). A policy a
 * role's or user's `permissions_boundary` names (Principal.permissionsBoundary) is one too, on the
 * same terms.
 */
import type { Inventory, PolicyDocument } from '../model/types';

const BOUNDARY_KEY = 'iam:permissionsboundary';
const AWS_MANAGED = /^arn:[^:]*:iam::aws:policy\//;

/**
 * Names of the policies `iam:PermissionsBoundary` conditions require: an Allow's positive test
 * (`StringEquals`, `ArnEquals`, ...) or a Deny's negated one (`StringNotEquals`: deny unless the
 * boundary is X). An Allow's `StringNotEquals` or a Deny's `StringEquals` names a boundary that is
 * refused, which may well be a policy someone holds.
 */
function namedBoundaries(documents: Iterable<PolicyDocument>): Set<string> {
  const names = new Set<string>();
  for (const document of documents) {
    for (const statement of document.statements) {
      if (statement.condition === null) continue;
      for (const [operator, keys] of Object.entries(statement.condition)) {
        if (/Not/.test(operator) !== (statement.effect === 'Deny')) continue;
        for (const [key, values] of Object.entries(keys)) {
          if (key.toLowerCase() !== BOUNDARY_KEY) continue;
          for (const value of values) {
            // `arn:aws:iam::aws:policy/NAME` is AWS's policy: a customer policy of that name is another one.
            if (!value.includes(':policy/') || AWS_MANAGED.test(value) || /[*?]/.test(value)) continue;
            names.add(value.slice(value.lastIndexOf('/') + 1));
          }
        }
      }
    }
  }
  return names;
}

export function markBoundaries(inventory: Inventory): Inventory {
  const names = namedBoundaries(inventory.policies.flatMap((p) => (p.document === null ? [] : [p.document])));
  const setOnPrincipals = new Set(inventory.principals.flatMap((p) => (p.permissionsBoundary === undefined ? [] : [p.permissionsBoundary])));
  if (names.size === 0 && setOnPrincipals.size === 0) return inventory;
  const held = new Set<string>();
  for (const attachment of inventory.attachments) if (attachment.policy !== null) held.add(attachment.policy);
  for (const grant of inventory.inlineGrants) held.add(grant.policy);
  let marked = false;
  const policies = inventory.policies.map((policy) => {
    if ((policy.kind !== 'managed' && policy.kind !== 'file') || held.has(policy.key)) return policy;
    if (!setOnPrincipals.has(policy.key) && (policy.name === null || !names.has(policy.name))) return policy;
    marked = true;
    return { ...policy, boundary: true as const };
  });
  return marked ? { ...inventory, policies } : inventory;
}
