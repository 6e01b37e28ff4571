import { describe, expect, it } from 'vitest';
import { emptyConfig, type LintConfig, type Suppression } from '../config/types';
import type { LintResult } from '../engine/lint-inventory';
import type { Finding } from '../model/types';
import { analyzerRuleMetas, mergeAnalyzerFindings } from './merge-into-result';
import type { AnalyzerFinding } from './types';

const ruleFinding: Finding = {
  ruleId: 'admin-access',
  severity: 'error',
  message: 'statement allows every action',
  file: 'policies/a.json',
  resource: null,
  statement: 0,
  line: 3,
};

function analyzer(issueCode: string, severity: AnalyzerFinding['severity'], file = 'policies/b.json'): AnalyzerFinding {
  return {
    ruleId: `access-analyzer/${issueCode}`,
    messageId: issueCode,
    message: `IAM Access Analyzer: ${issueCode}`,
    severity,
    learnMoreLink: null,
    origin: { file, resource: null, pointer: null, line: 1 },
    statement: 0,
  };
}

function result(unused: Suppression[] = []): LintResult {
  return {
    findings: [ruleFinding],
    suppressed: [],
    summary: { error: 1, warning: 0, info: 0, filesRead: 2, filesSkipped: 0, suppressed: 0 },
    catalogDataVersion: null,
    unusedSuppressions: unused,
  };
}

describe('mergeAnalyzerFindings', () => {
  it('adds the findings in the run order and counts them', () => {
    const merged = mergeAnalyzerFindings(result(), [analyzer('PASS_ROLE_WITH_STAR_IN_RESOURCE', 'error'), analyzer('MISSING_VERSION', 'warning', 'policies/a.json')], emptyConfig());
    expect(merged.findings.map((f) => [f.file, f.ruleId])).toEqual([
      ['policies/a.json', 'access-analyzer/MISSING_VERSION'],
      ['policies/a.json', 'admin-access'],
      ['policies/b.json', 'access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE'],
    ]);
    expect(merged.summary).toMatchObject({ error: 2, warning: 1, info: 0, filesRead: 2 });
  });

  it('applies the config: severities, off, and suppressions with their reasons', () => {
    const suppression: Suppression = { rule: 'access-analyzer/*', file: 'policies/b.json', resource: null, statement: null, reason: 'vendor policy, reviewed', source: '.iam-policy-lint.json' };
    const stale: Suppression = { ...suppression, file: 'policies/gone.json' };
    const config: LintConfig = {
      ...emptyConfig(),
      rules: { 'access-analyzer/MISSING_VERSION': 'info', 'access-analyzer/REDUNDANT_ACTION': 'off' },
      suppressions: [suppression, stale],
    };
    const merged = mergeAnalyzerFindings(
      result([suppression, stale]),
      [analyzer('MISSING_VERSION', 'warning', 'policies/a.json'), analyzer('REDUNDANT_ACTION', 'info', 'policies/a.json'), analyzer('PASS_ROLE_WITH_STAR_IN_RESOURCE', 'error')],
      config,
    );
    expect(merged.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['access-analyzer/MISSING_VERSION', 'info'],
      ['admin-access', 'error'],
    ]);
    expect(merged.suppressed).toEqual([expect.objectContaining({ ruleId: 'access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE', reason: 'vendor policy, reviewed' })]);
    expect(merged.summary).toMatchObject({ error: 1, warning: 0, info: 1, suppressed: 1 });
    expect(merged.unusedSuppressions).toEqual([stale]);
  });

  it('describes each access-analyzer rule once for the SARIF rule table', () => {
    const metas = analyzerRuleMetas([analyzer('MISSING_VERSION', 'warning'), analyzer('MISSING_VERSION', 'warning'), { ...analyzer('x', 'warning'), ruleId: 'access-analyzer/request-failed' }]);
    expect(metas.map((m) => [m.id, m.defaultSeverity])).toEqual([
      ['access-analyzer/MISSING_VERSION', 'warning'],
      ['access-analyzer/request-failed', 'warning'],
    ]);
    expect(metas[1]!.description).toMatch(/could not check a document/);
  });
});
