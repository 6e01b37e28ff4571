import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/types';
import { diffAgainstBaseline } from './new-findings';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'admin-access',
    severity: 'error',
    message: 'Allow of * on * grants full administrator access',
    file: 'cdktf.out/stacks/deploy/cdk.tf.json',
    resource: 'aws_iam_policy.deploy',
    statement: 'All',
    line: 12,
    ...overrides,
  };
}

describe('diffAgainstBaseline', () => {
  it('keeps a finding the baseline had as known even when its line moved', () => {
    const diff = diffAgainstBaseline([finding({ line: 40 })], [finding({ line: 12 })]);
    expect(diff).toEqual({ fresh: [], known: 1, gone: 0 });
  });

  it('treats the same file written differently as the same file', () => {
    const diff = diffAgainstBaseline(
      [finding({ file: 'cdktf.out/stacks/deploy/cdk.tf.json' })],
      [finding({ file: './cdktf.out\\stacks/deploy/../deploy/cdk.tf.json' })],
    );
    expect(diff.fresh).toEqual([]);
  });

  it('treats an absolute path inside the working folder as the relative path it is', () => {
    const cwd = path.resolve('/repo');
    const absolute = finding({ file: path.join(cwd, 'cdktf.out', 'stacks', 'deploy', 'cdk.tf.json') });
    expect(diffAgainstBaseline([absolute], [finding()], cwd).fresh).toEqual([]);
    expect(diffAgainstBaseline([finding()], [absolute], cwd).fresh).toEqual([]);
    // Without the working folder, or outside it, they stay different files.
    expect(diffAgainstBaseline([absolute], [finding()]).fresh).toHaveLength(1);
    expect(diffAgainstBaseline([absolute], [finding()], path.resolve('/elsewhere')).fresh).toHaveLength(1);
  });

  it('reports a finding that differs in rule, file, resource, statement or message as new', () => {
    const baseline = [finding()];
    const changes: Array<Partial<Finding>> = [
      { ruleId: 'privilege-escalation' },
      { file: 'policies/deploy.json' },
      { resource: 'aws_iam_policy.other' },
      { resource: null },
      { statement: 0 },
      { message: 'Allow of *:* on * grants full administrator access' },
    ];
    for (const change of changes) {
      expect(diffAgainstBaseline([finding(change)], baseline).fresh, JSON.stringify(change)).toHaveLength(1);
    }
  });

  it('counts copies: a third identical finding over a baseline of two is new', () => {
    const diff = diffAgainstBaseline([finding({ line: 1 }), finding({ line: 2 }), finding({ line: 3 })], [finding(), finding()]);
    expect(diff.fresh.map((f) => f.line)).toEqual([3]);
    expect(diff.known).toBe(2);
  });

  it('counts baseline findings that are no longer reported', () => {
    const diff = diffAgainstBaseline([finding()], [finding(), finding({ ruleId: 'policy-size' })]);
    expect(diff).toMatchObject({ fresh: [], known: 1, gone: 1 });
  });

  it('never loses or invents findings: fresh + known = current, known + gone = baseline', () => {
    const arbitraryFinding = fc.record({
      ruleId: fc.constantFrom('admin-access', 'policy-size'),
      severity: fc.constant('error' as const),
      message: fc.constantFrom('a', 'b'),
      file: fc.constantFrom('x.json', './x.json', 'y.json'),
      resource: fc.constantFrom(null, 'aws_iam_policy.p'),
      statement: fc.constantFrom(null, 0, '0', 'Sid'),
      line: fc.option(fc.nat(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 12 }), fc.array(arbitraryFinding, { maxLength: 12 }), (current, baseline) => {
        const diff = diffAgainstBaseline(current, baseline);
        expect(diff.fresh.length + diff.known).toBe(current.length);
        expect(diff.known + diff.gone).toBe(baseline.length);
        expect(diffAgainstBaseline(current, current).fresh).toEqual([]);
      }),
    );
  });
});
