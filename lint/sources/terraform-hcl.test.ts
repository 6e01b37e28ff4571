import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPaths, readText, readTextAsync } from './index';

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

  it('checks what a dynamic "statement" block writes for every statement it generates, at its line', async () => {
    const text = `data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.buckets
    content {
      actions   = ["s3:*"]
      resources = ["*"]
      dynamic "principals" {
        for_each = var.accounts
        content {
          type        = "AWS"
          identifiers = [principals.value]
        }
      }
    }
  }

  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
`;
    const result = await readTextAsync('dyn.tf', text);
    expect(result.errors).toEqual([]);
    const document = result.inventory.policies[0]?.document;
    // Written blocks first, then generated ones: how hcl2json hands them over.
    expect(document?.statements.map((s) => [s.actions, s.resources, s.principal, s.line])).toEqual([
      [['sqs:SendMessage'], ['*'], null, 17],
      [['s3:*'], ['*'], { AWS: ['${principals.value}'] }, 2],
    ]);
  });

  it('follows policies kept in locals, across the files of a folder and through other locals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcl-locals-'));
    writeFileSync(
      join(dir, 'locals.tf'),
      `locals {
  admin   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
  chosen  = local.admin
  text    = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/$\${aws:username}/*"}]}
EOF
  doc     = data.aws_iam_policy_document.d.json
  loop    = local.loop
}
`,
    );
    writeFileSync(
      join(dir, 'main.tf'),
      `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "a" {
  policy = local.chosen
}
resource "aws_iam_policy" "t" {
  policy = local.text
}
resource "aws_iam_policy" "d" {
  policy = local.doc
}
resource "aws_iam_policy" "l" {
  policy = local.loop
}
`,
    );
    const result = await readPaths([dir]);
    expect(result.errors).toEqual([]);
    const byAddress = new Map(result.inventory.policies.map((p) => [p.origin.resource, p]));
    expect(byAddress.get('aws_iam_policy.a')?.document?.statements[0]?.actions).toEqual(['*']);
    expect(byAddress.get('aws_iam_policy.a')?.origin.line).toBe(7);
    expect(byAddress.get('aws_iam_policy.t')?.document?.statements[0]?.resources).toEqual(['arn:aws:s3:::b/${aws:username}/*']);
    expect(byAddress.get('aws_iam_policy.d')?.document?.statements[0]?.actions).toEqual(['sqs:SendMessage']);
    // The data source is read where it is used, not a second time on its own.
    expect(byAddress.has('data.aws_iam_policy_document.d')).toBe(false);
    expect(byAddress.get('aws_iam_policy.l')).toMatchObject({ document: null, unresolved: '${local.loop}' });
  });

  it('leaves a jsonencode of an expression unresolved, and statements built by for expressions opaque, not invalid', async () => {
    const text = `resource "aws_iam_policy" "merged" {
  policy = jsonencode(merge(local.base, { Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }))
}
resource "aws_iam_policy" "generated" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [for b in var.buckets : { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::\${b}/*" }]
  })
}
`;
    const result = await readTextAsync('expr.tf', text);
    expect(result.errors).toEqual([]);
    const byAddress = new Map(result.inventory.policies.map((p) => [p.origin.resource, p]));
    const merged = byAddress.get('aws_iam_policy.merged');
    const generated = byAddress.get('aws_iam_policy.generated');
    expect(merged).toMatchObject({ document: null, parseError: null, unresolved: expect.stringMatching(/^\$\{jsonencode\(merge\(/) });
    expect(generated?.document).toMatchObject({ statements: [], problems: [] });
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

describe('policy documents merged by data "aws_iam_policy_document"', () => {
  const statement = (sid: string | null, action: string) => `  statement {\n${sid === null ? '' : `    sid       = "${sid}"\n`}    actions   = ["${action}"]\n    resources = ["*"]\n  }\n`;
  // The configuration terraform 1.11 with hashicorp/aws 5.100.0 rendered as A PutObject, - ListBucket,
  // B ReceiveMessage, C Publish, - DescribeInstances, E GetItem, - PutLogEvents, D Decrypt.
  const MERGED = `data "aws_iam_policy_document" "base" {
${statement('A', 's3:GetObject')}${statement(null, 's3:ListBucket')}${statement('B', 'sqs:SendMessage')}}

data "aws_iam_policy_document" "extra" {
${statement('C', 'sns:Publish')}}

data "aws_iam_policy_document" "over" {
${statement('A', 's3:PutObject')}${statement(null, 'logs:PutLogEvents')}${statement('D', 'kms:Decrypt')}}

data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json, data.aws_iam_policy_document.extra.json, var.more]
  override_policy_documents = [data.aws_iam_policy_document.over.json]
${statement('B', 'sqs:ReceiveMessage')}${statement(null, 'ec2:DescribeInstances')}${statement('E', 'dynamodb:GetItem')}}

resource "aws_iam_policy" "p" {
  name   = "merged"
  policy = data.aws_iam_policy_document.merged.json
}
`;

  it('merges sources, the own statements and overrides as Terraform does, and says what it could not follow', async () => {
    const result = await readTextAsync('merged.tf', MERGED);
    expect(result.errors).toEqual([]);
    const policy = result.inventory.policies.find((p) => p.kind === 'managed');
    const document = policy?.document;
    expect(document?.statements.map((s) => `${s.sid ?? '-'} ${s.actions?.join()}`)).toEqual([
      'A s3:PutObject',
      '- s3:ListBucket',
      'B sqs:ReceiveMessage',
      'C sns:Publish',
      '- ec2:DescribeInstances',
      'E dynamodb:GetItem',
      '- logs:PutLogEvents',
      'D kms:Decrypt',
    ]);
    // Each statement points at its own block: A won from "over", ListBucket stayed in "base".
    const lines = MERGED.split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    expect(document?.statements[0]?.line).toBe(lineOf('s3:PutObject') - 2);
    expect(document?.statements[1]?.line).toBe(lineOf('s3:ListBucket') - 1);
    // Not a problem of the policy (invalid-document would make it an error): a part of it only Terraform knows.
    expect(document?.problems).toEqual([]);
    expect(policy?.uncheckedParts).toEqual([expect.stringMatching(/^source_policy_documents\[2\] \(.*var\.more.*\) is merged by Terraform but its document is not in the input/)]);
  });

  it('leaves a merged document only Terraform knows unchecked, and calls one it rejects a problem', async () => {
    const text = [
      'data "aws_iam_policy_document" "d" {',
      '  source_policy_documents   = [var.extra, "not json"]',
      '  override_policy_documents = ["{\\"Statement\\": ${var.s}}"]',
      '  statement {',
      '    actions   = ["s3:GetObject"]',
      '    resources = ["arn:aws:s3:::b/*"]',
      '  }',
      '}',
      '',
    ].join('\n');
    const [policy] = (await readTextAsync('m.tf', text)).inventory.policies;
    expect(policy?.document?.problems.map((p) => p.message)).toEqual(['source_policy_documents[1] (not json) is not valid JSON, which the AWS provider rejects']);
    expect(policy?.uncheckedParts).toEqual([
      expect.stringMatching(/^source_policy_documents\[0\] \(\$\{var\.extra\}\) is merged by Terraform but its document is not in the input/),
      expect.stringMatching(/^override_policy_documents\[0\] \(.*var\.s.*\) is merged by Terraform but its document is not in the input/),
    ]);
  });
});
