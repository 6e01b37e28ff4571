/**
 * Every policy a principal holds, whichever way it arrives: attached (a policy in the input, or an
 * AWS managed ARN resolved through the catalog), inline, or through the groups a user belongs to.
 * The inventory is indexed once, so asking for every principal of a 10,000-resource plan stays linear.
 */
import type { Attachment, InlineGrant, Inventory, Origin, PolicyDocument, PolicyRecord } from '../model/types';
import type { Catalog } from './catalog';

/** A policy a principal holds: its document, where to report, and how it is reached (for messages). */
export interface HeldPolicy {
  document: PolicyDocument;
  origin: Origin;
  via: string;
  arn: string | null;
}

interface InventoryIndex {
  policies: Map<string, PolicyRecord>;
  attachments: Map<string, Attachment[]>;
  inline: Map<string, InlineGrant[]>;
  groups: Map<string, string[]>;
  /** How messages name a group: its name, else the tail of its key. */
  groupLabels: Map<string, string>;
}

const indexes = new WeakMap<Inventory, InventoryIndex>();

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexOf(inventory: Inventory): InventoryIndex {
  let index = indexes.get(inventory);
  if (!index) {
    index = { policies: new Map(inventory.policies.map((p) => [p.key, p])), attachments: new Map(), inline: new Map(), groups: new Map(), groupLabels: new Map() };
    for (const a of inventory.attachments) push(index.attachments, a.principal, a);
    for (const g of inventory.inlineGrants) push(index.inline, g.principal, g);
    for (const m of inventory.memberships) push(index.groups, m.user, m.group);
    for (const p of inventory.principals) if (p.kind === 'group') index.groupLabels.set(p.key, p.name ?? p.key.split('::').pop() ?? p.key);
    indexes.set(inventory, index);
  }
  return index;
}

export function heldPolicies(principal: string, inventory: Inventory, catalog: Catalog): HeldPolicy[] {
  const index = indexOf(inventory);
  const holders = [principal, ...(index.groups.get(principal) ?? [])];
  const held: HeldPolicy[] = [];
  const seen = new Set<string>();
  // The same policy attached to a user and to its group is held once. Keyed by the policy, not
  // its document: plan readers share one document among policies of the same text, and each of
  // those is still a policy of its own to report.
  let through = '';
  const add = (key: string, policy: HeldPolicy) => {
    if (seen.has(key)) return;
    seen.add(key);
    held.push(through === '' ? policy : { ...policy, via: policy.via + through });
  };
  for (const holder of holders) {
    // A grant that arrives through a group is fixed at the group: the message says which.
    through = holder === principal ? '' : ` (through group ${index.groupLabels.get(holder) ?? holder.split('::').pop() ?? holder})`;
    for (const attachment of index.attachments.get(holder) ?? []) {
      const record = attachment.policy === null ? undefined : index.policies.get(attachment.policy);
      if (record?.document) {
        const managed = record.kind === 'aws-managed';
        add(managed && record.arn !== null ? `arn:${record.arn}` : `policy:${record.key}`, { document: record.document, origin: managed ? attachment.origin : record.origin, via: (managed ? record.arn : record.origin.resource) ?? record.name ?? record.key, arn: record.arn });
      } else if (attachment.arn !== null) {
        const resolved = catalog.managedPolicy(attachment.arn);
        if (resolved) add(`arn:${attachment.arn}`, { document: resolved.document, origin: attachment.origin, via: attachment.arn, arn: attachment.arn });
      }
    }
    for (const grant of index.inline.get(holder) ?? []) {
      const record = index.policies.get(grant.policy);
      if (record?.document) add(`policy:${record.key}`, { document: record.document, origin: record.origin, via: record.origin.resource ?? record.name ?? record.key, arn: null });
    }
  }
  return held;
}
