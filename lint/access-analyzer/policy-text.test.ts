import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../model/parse-document';
import { analyzerText } from './policy-text';

function sent(document: unknown): unknown {
  const result = analyzerText(parsePolicyDocument(document));
  return 'text' in result ? JSON.parse(result.text) : result;
}

describe('analyzerText', () => {
  it('sends the model with Statement as an array, so statement indexes are the linter\'s', () => {
    expect(sent({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } })).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }],
    });
  });

  it('keeps IAM policy variables and fills account, partition and region (readers have already undone Terraform\'s $${ escape)', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iam:CreateAccessKey',
          Resource: [
            'arn:${Partition}:iam::${AccountId}:user/${aws:username}',
            'arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.me.account_id}:user/${aws:username}',
            'arn:aws:logs:${data.aws_region.current.name}:${AccountId}:log-group:${aws:PrincipalTag/team, \'none\'}',
          ],
        },
      ],
    };
    expect(sent(document)).toMatchObject({
      Statement: [
        {
          Resource: [
            'arn:aws:iam::111122223333:user/${aws:username}',
            'arn:aws:iam::111122223333:user/${aws:username}',
            "arn:aws:logs:us-east-1:111122223333:log-group:${aws:PrincipalTag/team, 'none'}",
          ],
        },
      ],
    });
  });

  it('names the first Terraform expression it cannot fill', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${join("/", [aws_s3_bucket.b.arn, "*"])}' }],
    };
    expect(sent(document)).toEqual({ unresolved: '${join("/", [aws_s3_bucket.b.arn, "*"])}' });
  });
});
