/**
 * Every policy a principal holds, whichever way it arrives: attached (a policy in the input, or an
 * AWS managed ARN resolved through the catalog), inline, or through the groups a user belongs to.
 */
import type { Inventory, Origin, PolicyDocument } from '../model/types';
import type { Catalog } from './catalog';

/** A policy a principal holds: its document, where to report, and how it is reached (for messages). */
export interface HeldPolicy {
  document: PolicyDocument;
  origin: Origin;
  via: string;
  arn: string | null;
}

export function heldPolicies(principal: string, inventory: Inventory, catalog: Catalog): HeldPolicy[] {
  const byKey = new Map(inventory.policies.map((p) => [p.key, p]));
  const groups = inventory.memberships.filter((m) => m.user === principal).map((m) => m.group);
  const holders = new Set([principal, ...groups]);
  const held: HeldPolicy[] = [];
  const seen = new Set<PolicyDocument>();
  // The same policy attached to a user and to its group is held once.
  const add = (policy: HeldPolicy) => {
    if (seen.has(policy.document)) return;
    seen.add(policy.document);
    held.push(policy);
  };
  for (const attachment of inventory.attachments) {
    if (!holders.has(attachment.principal)) continue;
    const record = attachment.policy === null ? undefined : byKey.get(attachment.policy);
    if (record?.document) {
      const managed = record.kind === 'aws-managed';
      add({ document: record.document, origin: managed ? attachment.origin : record.origin, via: (managed ? record.arn : record.origin.resource) ?? record.name ?? record.key, arn: record.arn });
    } else if (attachment.arn !== null) {
      const resolved = catalog.managedPolicy(attachment.arn);
      if (resolved) add({ document: resolved.document, origin: attachment.origin, via: attachment.arn, arn: attachment.arn });
    }
  }
  for (const grant of inventory.inlineGrants) {
    if (!holders.has(grant.principal)) continue;
    const record = byKey.get(grant.policy);
    if (record?.document) add({ document: record.document, origin: record.origin, via: record.origin.resource ?? record.name ?? record.key, arn: null });
  }
  return held;
}
