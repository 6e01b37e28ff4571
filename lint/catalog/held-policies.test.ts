import { describe, expect, it } from 'vitest';
import { InventoryBuilder } from '../rules/testing';
import { createCatalog } from './aws-catalog';
import { heldPolicies } from './held-policies';

const catalog = createCatalog();
const S3 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

describe('heldPolicies', () => {
  it('holds a policy reached through the user and its group once', () => {
    const b = new InventoryBuilder();
    const user = b.user('alice');
    const group = b.principal('group', 'ops');
    b.member(user, group);
    const policy = b.policy(S3, { resource: 'aws_iam_policy.read' });
    b.attach(user, { policy });
    b.attach(group, { policy });
    b.attach(user, { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    b.attach(group, { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(heldPolicies(user, b.inventory, catalog).map((p) => p.via)).toEqual(['aws_iam_policy.read', 'arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });

  it('holds two policies that share one document (a plan repeats a text) as two', () => {
    const b = new InventoryBuilder();
    const user = b.user('alice');
    const first = b.policy(S3, { resource: 'aws_iam_policy.a' });
    const second = b.policy(S3, { resource: 'aws_iam_policy.b' });
    const [a, c] = b.inventory.policies;
    c.document = a.document;
    b.attach(user, { policy: first });
    b.inline(user, second);
    const held = heldPolicies(user, b.inventory, catalog);
    expect(held.map((p) => p.via)).toEqual(['aws_iam_policy.a', 'aws_iam_policy.b']);
    expect(held[0].document).toBe(held[1].document);
  });
});
