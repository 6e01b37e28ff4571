import { describe, expect, it } from 'vitest';
import { readText, readTextAsync } from './index';

const HCL = `variable "bucket" {}

resource "aws_iam_user" "u" {
  name = "deployer"
  tags = { "iam-preset" = "s3-read" }
}

resource "aws_iam_policy" "encoded" {
  name = "encoded"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::\${var.bucket}/*" }]
  })
}

resource "aws_iam_user_policy" "heredoc" {
  user   = aws_iam_user.u.name
  policy = <<POLICY
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}
POLICY
}

data "aws_iam_policy_document" "doc" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }

  statement {
    effect    = "Deny"
    actions   = ["sqs:DeleteQueue"]
    resources = ["*"]
  }
}

resource "aws_iam_user_policy_attachment" "a" {
  user       = aws_iam_user.u.name
  policy_arn = aws_iam_policy.encoded.arn
}
`;

describe('HCL (.tf) through hcl2json', () => {
  it('reads resources, jsonencode, heredocs and data documents, with the line of each resource', async () => {
    const result = await readTextAsync('infra/main.tf', HCL);
    expect(result.errors).toEqual([]);
    const { inventory } = result;
    expect(inventory.principals.map((p) => [p.name, p.origin.line, p.tags])).toEqual([['deployer', 3, { 'iam-preset': 's3-read' }]]);
    expect(inventory.policies.map((p) => [p.key, p.kind, p.origin.line])).toEqual([
      ['infra/main.tf::aws_iam_policy.encoded', 'managed', 8],
      ['infra/main.tf::aws_iam_user_policy.heredoc', 'inline-user', 16],
      ['infra/main.tf::data.aws_iam_policy_document.doc', 'document', 23],
    ]);
    const [encoded, heredoc, doc] = inventory.policies;
    expect(encoded?.document?.statements[0]?.resources).toEqual(['arn:aws:s3:::${var.bucket}/*']);
    expect(heredoc?.document?.statements[0]?.actions).toEqual(['s3:ListBucket']);
    expect(doc?.document?.statements.map((s) => [s.effect, s.line])).toEqual([
      ['Allow', 24],
      ['Deny', 29],
    ]);
    expect(inventory.inlineGrants).toEqual([{ principal: 'infra/main.tf::aws_iam_user.u', policy: 'infra/main.tf::aws_iam_user_policy.heredoc' }]);
    expect(inventory.attachments.map((a) => a.policy)).toEqual(['infra/main.tf::aws_iam_policy.encoded']);
  });

  it('names the line and column of malformed HCL', async () => {
    const result = await readTextAsync('bad.tf', 'resource "aws_iam_user" "u" {\n  name = \n}\n');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'bad.tf', line: 2, column: 10 });
    expect(result.errors[0]?.message).toMatch(/^malformed HCL: /);
  });

  it('asks for the asynchronous reader when given HCL synchronously', () => {
    expect(readText('main.tf', HCL).skipped).toEqual([{ file: 'main.tf', reason: 'HCL is parsed asynchronously: use readTextAsync' }]);
  });
});
