import { describe, expect, it } from 'vitest';
import type { LintResult } from '../engine/lint-inventory';
import type { Finding } from '../model/types';
import { applyBaseline } from './apply-baseline';

const finding = (ruleId: string, severity: Finding['severity'], line: number): Finding => ({
  ruleId,
  severity,
  message: `${ruleId} message`,
  file: 'cdktf.out/stacks/a/cdk.tf.json',
  resource: 'aws_iam_policy.p',
  statement: 'S',
  line,
});

describe('applyBaseline', () => {
  it('keeps only new findings, recounts the summary and says how many were known or gone', () => {
    const run: LintResult = {
      findings: [finding('admin-access', 'error', 10), finding('data-exfiltration', 'warning', 20)],
      suppressed: [],
      summary: { error: 1, warning: 1, info: 0, filesRead: 1, filesSkipped: 0, suppressed: 0 },
      catalogDataVersion: null,
      unusedSuppressions: [],
    };
    const result = applyBaseline(run, [finding('admin-access', 'error', 4), finding('policy-size', 'error', 1)]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['data-exfiltration']);
    expect(result.summary).toMatchObject({ error: 0, warning: 1, info: 0, filesRead: 1 });
    expect(result.baseline).toEqual({ known: 1, gone: 1, knownFindings: [run.findings[0]] });
  });
});
