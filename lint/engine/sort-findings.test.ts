import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/types';
import { compareFindings, sortFindings } from './sort-findings';

const finding: fc.Arbitrary<Finding> = fc.record({
  ruleId: fc.constantFrom('admin-access', 'policy-size', 'not-action-allow'),
  severity: fc.constantFrom('error', 'warning', 'info'),
  message: fc.constantFrom('a', 'b', 'é', 'B'),
  file: fc.constantFrom('policies/a.json', 'policies/B.json', 'cdktf.out/stacks/x/cdk.tf.json'),
  resource: fc.constantFrom(null, 'aws_iam_policy.a', 'aws_iam_policy.b'),
  statement: fc.constantFrom(null, 0, 2, 10, 'All', 'Read'),
  line: fc.constantFrom(null, 1, 9, 10, 100),
});

describe('sortFindings', () => {
  it('gives one order whatever order findings come in', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 40 }), fc.infiniteStream(fc.nat()), (list, seeds) => {
        const shuffled = [...list].sort(() => (seeds.next().value % 3) - 1);
        expect(sortFindings(shuffled)).toEqual(sortFindings(list));
      }),
    );
  });

  it('orders by file, then line, then rule, and drops exact duplicates only', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 40 }), (list) => {
        const sorted = sortFindings(list);
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          expect(compareFindings(a, b)).toBeLessThan(0);
          if (a.file === b.file) expect(a.line ?? 0).toBeLessThanOrEqual(b.line ?? 0);
          else expect(a.file < b.file).toBe(true);
        }
        expect(new Set(sorted.map((f) => JSON.stringify(f))).size).toBe(new Set(list.map((f) => JSON.stringify(f))).size);
      }),
    );
  });

  it('puts statement indexes in number order (2 before 10)', () => {
    const base: Finding = { ruleId: 'r', severity: 'error', message: 'm', file: 'f', resource: null, statement: null, line: 1 };
    expect(sortFindings([{ ...base, statement: 10 }, { ...base, statement: 'All' }, { ...base, statement: 2 }]).map((f) => f.statement)).toEqual([2, 10, 'All']);
  });
});
