/**
 * Whatever a file holds, reading it never throws: it becomes records, a skipped file or an error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readText, readTextAsync, type ReadResult } from './index';

const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string(), fc.constant(null), fc.integer(), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }));

/** Policy-shaped values with wrong types in every place. */
const policyLike = fc.record(
  {
    Version: fc.oneof(fc.constant('2012-10-17'), anything),
    Statement: fc.oneof(
      anything,
      fc.array(
        fc.record(
          { Sid: anything, Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), anything), Action: anything, NotAction: anything, Resource: anything, Condition: anything, Principal: anything },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
    ),
  },
  { requiredKeys: ['Statement'] },
);

const IAM_TYPES = [
  'aws_iam_user',
  'aws_iam_group',
  'aws_iam_role',
  'aws_iam_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role_policy',
  'aws_iam_policy_attachment',
  'aws_iam_user_policy_attachment',
  'aws_iam_group_policy_attachment',
  'aws_iam_role_policy_attachment',
  'aws_iam_user_group_membership',
  'aws_iam_group_membership',
  'aws_iam_user_login_profile',
  'aws_iam_access_key',
];

const attributeValue = fc.oneof(
  anything,
  fc.constantFrom('${aws_iam_user.a.name}', '${aws_iam_policy.a.arn}', '${data.aws_iam_policy_document.a.json}', '${jsonencode({a = [1, "x"]})}', '${jsonencode({', 'u'),
  policyLike.map((p) => JSON.stringify(p)),
);
const body = fc.dictionary(
  fc.constantFrom('name', 'user', 'users', 'group', 'groups', 'role', 'roles', 'policy', 'policy_arn', 'password', 'pgp_key', 'tags', 'assume_role_policy', 'inline_policy', 'managed_policy_arns', 'statement', '//'),
  attributeValue,
);
const terraformLike = fc.record({
  resource: fc.oneof(anything, fc.dictionary(fc.constantFrom(...IAM_TYPES), fc.oneof(anything, fc.dictionary(fc.constantFrom('a', 'b'), fc.oneof(body, fc.array(body, { maxLength: 2 })))))),
  data: fc.oneof(
    anything,
    fc.constant({ aws_iam_policy_document: { a: { statement: [{ actions: 1, resources: [null], condition: { test: 2 }, principals: 'x' }] } } }),
  ),
});

function assertWellFormed(result: ReadResult): void {
  expect(Array.isArray(result.errors)).toBe(true);
  expect(Array.isArray(result.skipped)).toBe(true);
  expect(result.filesRead + result.skipped.length + (result.errors.length > 0 ? 1 : 0)).toBe(1);
  for (const policy of result.inventory.policies) expect(typeof policy.key).toBe('string');
}

describe('reading never throws', () => {
  it('on policy documents with wrong types everywhere', () => {
    fc.assert(fc.property(policyLike, (doc) => assertWellFormed(readText('p.json', JSON.stringify(doc)))), { numRuns: 300 });
  });

  it('on Terraform JSON with wrong types everywhere', () => {
    fc.assert(fc.property(terraformLike, (config) => assertWellFormed(readText('main.tf.json', JSON.stringify(config)))), { numRuns: 300 });
  });

  it('on any text, BOMs, NULs and broken unicode included', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.json().map((j) => '\uFEFF' + j), fc.string().map((s) => `{"Statement": "${s}\u0000"}`));
    fc.assert(fc.property(text, (t) => assertWellFormed(readText('x.json', t))), { numRuns: 300 });
  });

  it('on any jsonencode text in a policy attribute', () => {
    fc.assert(
      fc.property(fc.string(), (s) => assertWellFormed(readText('main.tf.json', JSON.stringify({ resource: { aws_iam_policy: { p: { policy: '${jsonencode(' + s + ')}' } } } })))),
      { numRuns: 300 },
    );
  });

  it('on any HCL text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (s) => assertWellFormed(await readTextAsync('main.tf', `resource "aws_iam_policy" "p" {\n  policy = ${s}\n}\n`))),
      { numRuns: 30 },
    );
  });

  it('reads a 50 MB string and a huge Statement array in bounded time', () => {
    const huge = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'x'.repeat(50_000_000), Resource: '*' }] });
    const start = Date.now();
    const result = readText('huge.json', huge);
    expect(result.inventory.policies[0]?.document?.statements[0]?.actions?.[0]).toHaveLength(50_000_000);
    const many = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 100_000 }, () => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })) });
    expect(readText('many.json', many).inventory.policies[0]?.document?.statements).toHaveLength(100_000);
    expect(Date.now() - start).toBeLessThan(20_000);
  });
});
