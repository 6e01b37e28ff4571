import { createCatalog } from '../catalog/aws-catalog';
import { fullServiceAccess } from './full-service-access';
import { InventoryBuilder, policyFile, testRule } from './testing';

const catalog = createCatalog();
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*') => policyFile(doc({ Effect: 'Allow', Action, Resource }));

/** What the engine builds for an attached AWS managed policy: the resolved document, kind aws-managed. */
function attachedManaged(name: string) {
  const b = new InventoryBuilder();
  const arn = `arn:aws:iam::aws:policy/${name}`;
  const resolved = catalog.managedPolicy(arn);
  if (!resolved) throw new Error(`${name} is not in the managed policy data`);
  const raw = { Version: '2012-10-17', Statement: resolved.document.statements.map((s) => ({ Effect: s.effect, Action: s.actions ?? undefined, NotAction: s.notActions ?? undefined, Resource: s.resources ?? undefined })) };
  const key = b.policy(raw, { kind: 'aws-managed', arn, name, resource: 'aws_iam_user_policy_attachment.a' });
  b.attach(b.user('deployer'), { policy: key }, 'aws_iam_user_policy_attachment.a');
  return b.inventory;
}

testRule(
  fullServiceAccess,
  {
    valid: [
      { name: 'some actions of a service', inventory: allow('s3:Get*') },
      { name: 'a service wildcard on named resources', inventory: allow('s3:*', ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*']) },
      { name: '* is admin-access', inventory: allow('*') },
      {
        name: 'a service wildcard minus an unconditional Deny of part of it',
        inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' })),
      },
      { name: 'ReadOnlyAccess attached', inventory: attachedManaged('ReadOnlyAccess') },
    ],
    invalid: [
      { name: 's3:* on *', inventory: allow('s3:*'), errors: [{ messageId: 'fullService', statement: 0 }] },
      { name: 'iam:* on arn:aws:iam::*:*', inventory: allow('iam:*', 'arn:aws:iam::*:*'), errors: [{ messageId: 'fullService' }] },
      { name: 'a pattern that covers a whole service', inventory: allow('sqs:*e*'), errors: [{ messageId: 'fullService' }] },
      { name: 'several services, named', inventory: allow(['sqs:*', 'sns:*']), errors: [{ messageId: 'fullService', message: /every action of sns, sqs on every resource/ }] },
      {
        name: 'some 70 services (s*:*): the first eight named, the rest counted',
        inventory: allow('s*:*'),
        errors: [{ messageId: 'fullService', message: /every action of s3, s3-object-lambda, s3-outposts, s3express, [a-z0-9-]+(, [a-z0-9-]+){3} and \d+ more on every resource/ }],
      },
      {
        name: '* less an unconditional Deny of everything but S3 grants all of S3',
        inventory: policyFile(doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', NotAction: 's3:*', Resource: '*' })),
        errors: [{ messageId: 'fullService', statement: 0 }],
      },
      { name: 'AmazonS3FullAccess attached', inventory: attachedManaged('AmazonS3FullAccess'), errors: [{ messageId: 'fullService', resource: 'aws_iam_user_policy_attachment.a' }] },
    ],
  },
  catalog,
);
