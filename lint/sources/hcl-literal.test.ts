import { describe, expect, it } from 'vitest';
import { evaluateJsonencode } from './hcl-literal';

describe('evaluateJsonencode', () => {
  it('evaluates objects, tuples, strings, numbers, booleans and null, with = or : and comments', () => {
    const expression = `jsonencode({
      Version = "2012-10-17" # comment
      "Statement": [
        { Effect = "Allow", Action = ["s3:GetObject", "s3:ListBucket"], Resource = "*", n = -1.5e2, b = true, z = null },
        /* block comment */ { Effect = "Deny" // trailing
          Action = "*" },
      ]
    })`;
    expect(evaluateJsonencode(expression)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*', n: -150, b: true, z: null },
        { Effect: 'Deny', Action: '*' },
      ],
    });
  });

  it('keeps interpolations, references, calls and conditionals as opaque ${...} tokens', () => {
    const expression = 'jsonencode({ a = "arn:aws:s3:::${var.bucket}/*", b = aws_s3_bucket.b.arn, c = format("%s", var.x), d = var.x ? "A" : "B", e = [for s in var.l : s], f = var.m[0] })';
    expect(evaluateJsonencode(expression)).toEqual({
      a: 'arn:aws:s3:::${var.bucket}/*',
      b: '${aws_s3_bucket.b.arn}',
      c: '${format("%s", var.x)}',
      d: '${var.x ? "A" : "B"}',
      e: '${[for s in var.l : s]}',
      f: '${var.m[0]}',
    });
  });

  it('decodes escapes and writes $${ as the literal ${ of an IAM policy variable', () => {
    expect(evaluateJsonencode('jsonencode(["a\\"b\\\\c\\n", "\\u00e9", "user/$${aws:username}"])')).toEqual(['a"b\\c\n', 'é', 'user/${aws:username}']);
  });

  it('reads an indented heredoc of more lines than a function call takes arguments', () => {
    const value = evaluateJsonencode(`jsonencode(<<-EOT\n${'    x\n'.repeat(150_000)}    EOT\n)`);
    expect(value).toBe('x\n'.repeat(150_000));
  });

  it('reads heredocs, indented ones included', () => {
    expect(evaluateJsonencode('jsonencode([<<EOT\nline one\nEOT\n, <<-EOT\n    indented\n      more\n    EOT\n])')).toEqual(['line one\n', 'indented\n  more\n']);
  });

  it('treats a whole non-literal argument as one token', () => {
    expect(evaluateJsonencode('jsonencode(var.policy)')).toBe('${var.policy}');
  });

  it('gives undefined for what is not one jsonencode call on valid HCL', () => {
    expect(evaluateJsonencode('file("policy.json")')).toBeUndefined();
    expect(evaluateJsonencode('jsonencode({ a = 1 }) + 1')).toBeUndefined();
    expect(evaluateJsonencode('jsonencode({ a = "unterminated })')).toBeUndefined();
    expect(evaluateJsonencode('jsonencode({ a = (1 ]})')).toBeUndefined();
  });
});
