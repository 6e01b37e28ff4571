import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/types';
import { diffAgainstBaseline } from './new-findings';

const ADMIN = 'statement allows every action (*) on every resource (*): administrator access. Allow only the actions this identity needs, on the ARNs it uses (start from a preset in policies/).';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'admin-access',
    severity: 'error',
    message: ADMIN,
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
    expect(diff).toEqual({ fresh: [], known: [finding({ line: 40 })], gone: 0 });
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

  it('reports a finding that differs in rule, file, resource or statement as new', () => {
    const baseline = [finding()];
    const changes: Array<Partial<Finding>> = [
      { ruleId: 'privilege-escalation' },
      { file: 'policies/deploy.json' },
      { resource: 'aws_iam_policy.other' },
      { resource: null },
      { statement: 0 },
    ];
    for (const change of changes) {
      expect(diffAgainstBaseline([finding(change)], baseline).fresh, JSON.stringify(change)).toHaveLength(1);
    }
  });

  it('reports an Access Analyzer finding as new where the baseline had another of its check on the statement', () => {
    const analyzer = (action: string) => finding({ ruleId: 'access-analyzer/INVALID_ACTION', message: `IAM Access Analyzer: The action ${action} does not exist.` });
    const diff = diffAgainstBaseline([analyzer('s3:PutObjct')], [analyzer('s3:GetObjct')]);
    expect(diff.fresh).toEqual([analyzer('s3:PutObjct')]);
    expect(diff.gone).toBe(1);
    expect(diffAgainstBaseline([analyzer('s3:GetObjct'), analyzer('s3:PutObjct')], [analyzer('s3:GetObjct')]).fresh).toEqual([analyzer('s3:PutObjct')]);
  });

  it("matches the analyzer's notes about the run (a failed request) on their place: the error may differ from run to run", () => {
    const failed = (cause: string) => finding({ ruleId: 'access-analyzer/request-failed', statement: null, message: `IAM Access Analyzer could not validate this document (${cause}); the run goes on without that check.` });
    expect(diffAgainstBaseline([failed('ThrottlingException')], [failed('ExpiredToken')]).fresh).toEqual([]);
  });

  it('keeps a finding known when only its wording or its description changed', () => {
    // Written by an earlier version: no template of this one reads it.
    const earlier = finding({ message: 'Allow of * on * grants full administrator access' });
    expect(diffAgainstBaseline([finding()], [earlier])).toMatchObject({ fresh: [], gone: 0 });
    // A Deny added since: another message of the rule, the same grant.
    const minusDeny = finding({ message: ADMIN.replace('on every resource (*): administrator access', "on every resource (*), minus what this document's Deny statements take away: still close to administrator access").replace('Allow only the actions this identity needs, on the ARNs it uses (start from a preset in policies/).', 'Allow what is needed instead of denying what is not.') });
    expect(diffAgainstBaseline([minusDeny], [finding()]).fresh).toEqual([]);
    // A catalog update lists more actions: the same finding.
    const reads = (actions: string) =>
      finding({ ruleId: 'data-exfiltration', severity: 'warning', message: `statement allows reading data or secrets on every resource: ${actions}. Name the buckets, parameters, secrets and keys this identity reads in Resource, or add a Condition on resource tags.` });
    expect(diffAgainstBaseline([reads('s3:GetObject, s3:GetObjectVersion, ssm:GetParameter')], [reads('s3:GetObject, ssm:GetParameter')]).fresh).toEqual([]);
  });

  it('keeps findings of one statement that differ only in what they name apart', () => {
    const unknown = (pattern: string) => finding({ ruleId: 'unknown-action', message: `Action "${pattern}" matches no action of s3; did you mean s3:GetObject?` });
    // One typo fixed, another made, in the same statement: the new one is new.
    const diff = diffAgainstBaseline([unknown('s3:PutObjcet')], [unknown('s3:GetObjcet')]);
    expect(diff.fresh.map((f) => f.message)).toEqual([unknown('s3:PutObjcet').message]);
    expect(diff.gone).toBe(1);
    // Each matches its own, whatever the order.
    expect(diffAgainstBaseline([unknown('b:B'), unknown('a:A')], [unknown('a:A'), unknown('b:B')]).fresh).toEqual([]);
    // A baseline message of other wording stands for one finding at its place, not for two.
    const earlier = finding({ ruleId: 'unknown-action', message: 'unknown action s3:GetObjcet' });
    expect(diffAgainstBaseline([unknown('s3:GetObjcet'), unknown('s3:PutObjcet')], [earlier]).fresh).toHaveLength(1);
  });

  it('prefers an exact match to a looser one, so the looser one can still match another finding', () => {
    const unknown = (pattern: string) => finding({ ruleId: 'unknown-action', message: `Action "${pattern}" matches no action AWS defines; check its spelling.` });
    const earlier = finding({ ruleId: 'unknown-action', message: 'unknown action (old wording)' });
    // The current a:A must take the baseline's a:A, leaving the old-wording entry for b:B.
    const diff = diffAgainstBaseline([unknown('b:B'), unknown('a:A')], [unknown('a:A'), earlier]);
    expect(diff).toMatchObject({ fresh: [], gone: 0 });
  });

  it('counts copies: a third identical finding over a baseline of two is new', () => {
    const diff = diffAgainstBaseline([finding({ line: 1 }), finding({ line: 2 }), finding({ line: 3 })], [finding(), finding()]);
    expect(diff.fresh.map((f) => f.line)).toEqual([3]);
    expect(diff.known.map((f) => f.line)).toEqual([1, 2]);
  });

  it('counts baseline findings that are no longer reported', () => {
    const diff = diffAgainstBaseline([finding()], [finding(), finding({ ruleId: 'policy-size' })]);
    expect(diff).toMatchObject({ fresh: [], known: [finding()], gone: 1 });
  });

  it('never loses or invents findings: fresh + known = current, known + gone = baseline', () => {
    const arbitraryFinding = fc.record({
      ruleId: fc.constantFrom('admin-access', 'policy-size'),
      severity: fc.constant('error' as const),
      message: fc.constantFrom('a', 'b', ADMIN, 'Action "a:A" matches no action AWS defines; check its spelling.', 'Action "b:B" matches no action AWS defines; check its spelling.'),
      file: fc.constantFrom('x.json', './x.json', 'y.json'),
      resource: fc.constantFrom(null, 'aws_iam_policy.p'),
      statement: fc.constantFrom(null, 0, '0', 'Sid'),
      line: fc.option(fc.nat(), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 12 }), fc.array(arbitraryFinding, { maxLength: 12 }), (current, baseline) => {
        const diff = diffAgainstBaseline(current, baseline);
        expect(diff.fresh.length + diff.known.length).toBe(current.length);
        expect(diff.known.length + diff.gone).toBe(baseline.length);
        expect(new Set([...diff.fresh, ...diff.known])).toEqual(new Set(current));
        expect(diffAgainstBaseline(current, current).fresh).toEqual([]);
      }),
    );
  });
});
