import { notActionAllow } from './not-action-allow';
import { policyFile, testRule } from './testing';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

testRule(notActionAllow, {
  valid: [
    { name: 'Action and Resource lists', inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })) },
    { name: 'Deny with NotAction (allow-list guard)', inventory: policyFile(doc({ Effect: 'Deny', NotAction: ['iam:*'], Resource: '*' })) },
    { name: 'Deny with NotResource', inventory: policyFile(doc({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/*' })) },
  ],
  invalid: [
    {
      name: 'Allow NotAction (PowerUserAccess style)',
      inventory: policyFile(doc({ Sid: 'Power', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' })),
      errors: [{ messageId: 'notAction', statement: 'Power' }],
    },
    {
      name: 'Allow NotResource',
      inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' })),
      errors: [{ messageId: 'notResource', statement: 0 }],
    },
    {
      name: 'both in one statement',
      inventory: policyFile(doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }, { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::x' })),
      errors: [
        { messageId: 'notAction', statement: 1 },
        { messageId: 'notResource', statement: 1 },
      ],
    },
    {
      name: 'an attached AWS managed policy is judged by its document',
      inventory: policyFile(doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }), {
        kind: 'aws-managed',
        arn: 'arn:aws:iam::aws:policy/PowerUserAccess',
        resource: 'aws_iam_user_policy_attachment.power',
      }),
      // Named as every other rule names it: the finding sits on the attachment, not on a document of the user's.
      errors: [{ messageId: 'notAction', resource: 'aws_iam_user_policy_attachment.power', message: /^AWS managed policy \S*PowerUserAccess: statement allows every action except iam:\*/ }],
    },
  ],
});
