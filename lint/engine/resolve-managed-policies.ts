/**
 * Attachments of AWS managed policies name an ARN, not a document. Resolving them through the
 * catalog makes each one a PolicyRecord of kind 'aws-managed', placed at the attachment, so every
 * rule judges the policy by what it grants rather than by its name. The partition may be a
 * `${data.aws_partition.current.partition}` token, as the construct in modules/ writes it.
 */
import type { Catalog } from '../catalog/catalog';
import { isAwsManagedPolicyArn } from '../catalog/managed-policies';
import type { Attachment, Inventory, PolicyRecord } from '../model/types';

export function resolveManagedPolicies(inventory: Inventory, catalog: Catalog): Inventory {
  if (!inventory.attachments.some((a) => a.policy === null && a.arn !== null && isAwsManagedPolicyArn(a.arn))) return inventory;
  const cache = new Map<string, ReturnType<Catalog['managedPolicy']>>();
  const policies: PolicyRecord[] = [...inventory.policies];
  const attachments: Attachment[] = inventory.attachments.map((attachment, index) => {
    const arn = attachment.arn;
    if (attachment.policy !== null || arn === null || !isAwsManagedPolicyArn(arn)) return attachment;
    if (!cache.has(arn)) cache.set(arn, catalog.managedPolicy(arn));
    const managed = cache.get(arn);
    if (!managed) return attachment;
    const key = `aws-managed::${index}::${arn}`;
    policies.push({ key, kind: 'aws-managed', origin: attachment.origin, name: managed.name, arn, document: managed.document, parseError: null });
    return { ...attachment, policy: key };
  });
  return { ...inventory, policies, attachments };
}
