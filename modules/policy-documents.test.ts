import { describe, expect, it } from 'vitest';
import { policySize } from '../lint/model/parse-document';
import { evaluateJsonencode } from '../lint/sources/hcl-literal';
import type { AccountValues } from './account-context';
import { WORST_CASE_LENGTH } from './terraform-text';
import { MANAGED_POLICY_SIZE_LIMIT, renderPolicy } from './policy-documents';

const values: AccountValues = { accountId: '<ACCOUNT>', partition: '<PARTITION>', region: '<REGION>' };

/** The document a rendered part holds: `${jsonencode(...)}` evaluated (the linter's reader). */
function read<T>(policy: string): T {
  expect(policy).toMatch(/^\$\{jsonencode\(.*\)\}$/s);
  return evaluateJsonencode(policy.slice(2, -1)) as T;
}

/** What IAM would receive from a rendered part, with each value at its longest. */
function asIamAtWorst(policy: string): string {
  return JSON.stringify(read(policy))
    .replace(/<ACCOUNT>/g, 'x'.repeat(WORST_CASE_LENGTH.AccountId))
    .replace(/<PARTITION>/g, 'x'.repeat(WORST_CASE_LENGTH.Partition))
    .replace(/<REGION>/g, 'x'.repeat(WORST_CASE_LENGTH.Region));
}

describe('renderPolicy', () => {
  const statement = (i: number) => ({
    Sid: `S${i}`,
    Effect: 'Allow',
    Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
    Resource: `arn:\${Partition}:s3:::bucket-number-${i}-\${AccountId}-\${Region}/\${aws:username}/*`,
  });

  it('keeps a document under the quota whole', () => {
    const parts = renderPolicy({ name: 'small', prop: 'policies.small', origin: 'test', document: { Version: '2012-10-17', Statement: [statement(1)] } }, values);
    expect(parts.map((p) => p.name)).toEqual(['small']);
  });

  it('splits by statement into parts that each fit at worst-case length, in order', () => {
    const statements = Array.from({ length: 80 }, (_, i) => statement(i));
    const parts = renderPolicy({ name: 'big', prop: 'policies.big', origin: 'test', document: { Version: '2012-10-17', Id: 'Big', Statement: statements } }, values);
    expect(parts.map((p) => p.name)).toEqual(parts.map((_, i) => `big-${i + 1}`));
    for (const part of parts) {
      expect(policySize(asIamAtWorst(part.policy))).toBe(part.size);
      expect(part.size).toBeLessThanOrEqual(MANAGED_POLICY_SIZE_LIMIT);
      expect(read(part.policy)).toMatchObject({ Version: '2012-10-17', Id: 'Big' });
    }
    // Greedy: every part but the last would go over with the next statement.
    const oneStatement = parts[0].size / read<{ Statement: unknown[] }>(parts[0].policy).Statement.length;
    for (const part of parts.slice(0, -1)) expect(part.size + oneStatement).toBeGreaterThan(MANAGED_POLICY_SIZE_LIMIT);
    const sids = parts.flatMap((p) => read<{ Statement: { Sid: string }[] }>(p.policy).Statement.map((s) => s.Sid));
    expect(sids).toEqual(statements.map((s) => s.Sid));
  });

  it('counts a document that fits only with short values as over the quota', () => {
    // Just under the limit with placeholders as written, over it once they take their longest values.
    const resource = (n: number) => `arn:aws:s3:::${'b'.repeat(n)}-\${AccountId}-\${Region}`;
    const base = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: [] as string[] }] };
    while (policySize(JSON.stringify(base)) < MANAGED_POLICY_SIZE_LIMIT - 200) base.Statement[0].Resource.push(resource(40));
    expect(policySize(JSON.stringify(base))).toBeLessThanOrEqual(MANAGED_POLICY_SIZE_LIMIT);
    expect(() => renderPolicy({ name: 'edge', prop: 'policies.edge', origin: 'test', document: base }, values)).toThrow(/Statement\[0\] is \d+ characters/);
  });

  it('counts the characters jsonencode escapes (<, >, &) at their escaped length', () => {
    // Terraform sends `<` as \u003c: a document that fits as written may not as sent.
    const document = (char: string, n: number) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/k': char.repeat(n) } } }] });
    const plain = renderPolicy({ name: 'p', prop: 'policies.p', origin: 'test', document: document('a', 100) }, values)[0];
    const escaped = renderPolicy({ name: 'e', prop: 'policies.e', origin: 'test', document: document('<', 100) }, values)[0];
    expect(escaped.size - plain.size).toBe(500);
    expect(read<{ Statement: { Condition: Record<string, Record<string, string>> }[] }>(escaped.policy).Statement[0].Condition.StringEquals['aws:RequestTag/k']).toBe('<'.repeat(100));
  });
});
