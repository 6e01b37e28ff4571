/**
 * Terraform's string escapes: a policy read from configuration sees what IAM will receive
 * (`$${aws:username}` is the policy variable `${aws:username}`), while real interpolations stay
 * opaque tokens. Plans carry evaluated values, with nothing to unescape.
 */
import { describe, expect, it } from 'vitest';
import type { Inventory, PolicyDocument } from '../model/types';
import { readText, readTextAsync } from './index';

const SELF = 'arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:user/$${aws:username}';
const SELF_RENDERED = 'arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:user/${aws:username}';

function documents(inventory: Inventory): PolicyDocument[] {
  return inventory.policies.map((p) => {
    expect(p.parseError).toBeNull();
    expect(p.unresolved).toBeUndefined();
    return p.document!;
  });
}

describe('Terraform string escapes in configuration', () => {
  it('renders escapes in a JSON policy string of Terraform JSON, as cdktf writes it', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Self', Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: SELF, Condition: { StringLike: { 's3:prefix': '%%{x}' } } }],
    });
    const read = readText('cdk.tf.json', JSON.stringify({ resource: { aws_iam_policy: { p: { name: 'p', policy } } } }));
    const [document] = documents(read.inventory);
    expect(document?.statements[0]?.resources).toEqual([SELF_RENDERED]);
    expect(document?.statements[0]?.condition).toEqual({ StringLike: { 's3:prefix': ['%{x}'] } });
  });

  it('renders escapes in aws_iam_policy_document blocks, jsonencode and heredocs of HCL', async () => {
    const hcl = `
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["iam:CreateAccessKey"]
    resources = ["${SELF}"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["$\${aws:username}"]
    }
  }
}

resource "aws_iam_policy" "encoded" {
  name   = "encoded"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:CreateAccessKey", Resource = "${SELF}" }] })
}

resource "aws_iam_policy" "heredoc" {
  name   = "heredoc"
  policy = <<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "${SELF}"}]}
EOT
}
`;
    const read = await readTextAsync('main.tf', hcl);
    expect(read.errors).toEqual([]);
    const docs = documents(read.inventory);
    expect(docs).toHaveLength(3);
    for (const document of docs) expect(document.statements[0]?.resources).toEqual([SELF_RENDERED]);
    const dataDocument = docs.find((d) => d.statements[0]?.condition !== null);
    expect(dataDocument?.statements[0]?.condition).toEqual({ StringEquals: { 'aws:PrincipalTag/team': ['${aws:username}'] } });
  });

  it('renders escapes in aws_iam_policy_document blocks of Terraform JSON', () => {
    const read = readText(
      'main.tf.json',
      JSON.stringify({ data: { aws_iam_policy_document: { d: { statement: [{ actions: ['iam:CreateAccessKey'], resources: [SELF] }] } } } }),
    );
    expect(documents(read.inventory)[0]?.statements[0]?.resources).toEqual([SELF_RENDERED]);
  });

  it('leaves text with template directives to Terraform, and still reports broken JSON that only has escapes', () => {
    const directive = '{"Version": "2012-10-17", "Statement": [%{ if var.read }{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}%{ endif }]}';
    const broken = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "arn:aws:iam::*:user/$${aws:username}"';
    const read = readText('main.tf.json', JSON.stringify({ resource: { aws_iam_policy: { d: { name: 'd', policy: directive }, b: { name: 'b', policy: broken } } } }));
    expect(read.inventory.policies.map((p) => [p.origin.resource, p.unresolved !== undefined, p.parseError !== null])).toEqual([
      ['aws_iam_policy.d', true, false],
      ['aws_iam_policy.b', false, true],
    ]);
  });

  it('takes planned values as evaluated: `$${` in a plan is what the policy says', () => {
    const literal = 'arn:aws:s3:::b/$${odd}';
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: literal }] });
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { name: 'p', policy } }] } },
    };
    const read = readText('plan.json', JSON.stringify(plan));
    expect(documents(read.inventory)[0]?.statements[0]?.resources).toEqual([literal]);
  });
});
