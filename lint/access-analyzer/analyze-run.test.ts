import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyConfig } from '../config/types';
import type { LintResult } from '../engine/lint-inventory';
import { analyzeRun } from './analyze-run';
import { FakeAccessAnalyzer } from './fake-access-analyzer';
import { loadReferencePolicy } from './reference-policy';
import { record, TEST_CREDENTIALS } from './test-records';

const emptyResult: LintResult = {
  findings: [],
  suppressed: [],
  summary: { error: 0, warning: 0, info: 0, filesRead: 1, filesSkipped: 0, suppressed: 0 },
  catalogDataVersion: null,
  unusedSuppressions: [],
};

const policy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' },
    { Sid: 'Pass', Effect: 'Allow', Action: ['iam:PassRole'], Resource: '*' },
  ],
};

describe('analyzeRun', () => {
  let service: FakeAccessAnalyzer;
  let endpoint: string;
  beforeEach(async () => {
    service = new FakeAccessAnalyzer();
    endpoint = await service.start();
  });
  afterEach(() => service.stop());

  it('does nothing, and sends nothing, when no check is asked for', async () => {
    const run = await analyzeRun(emptyResult, [record('p', 'managed', policy)], { validate: false, reference: null, config: emptyConfig(), endpoint });
    expect(run).toEqual({ result: emptyResult, rules: [] });
    expect(service.requests).toHaveLength(0);
  });

  it('runs both checks with one client and merges their findings into the result', async () => {
    const referenceFile = join(mkdtempSync(join(tmpdir(), 'analyze-run-')), 'reader.json');
    writeFileSync(referenceFile, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }));
    const { result, rules } = await analyzeRun(emptyResult, [record('p', 'managed', policy)], {
      validate: true,
      reference: loadReferencePolicy(referenceFile),
      config: emptyConfig(),
      endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
    });
    expect(service.requests.map((r) => r.path)).toEqual(['/policy/validation', '/policy/check-no-new-access']);
    expect(result.findings.map((f) => [f.ruleId, f.statement])).toEqual([
      ['access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE', 'Pass'],
      ['access-analyzer/new-access', 'Pass'],
    ]);
    expect(result.summary.error).toBe(2);
    expect(rules.map((r) => r.id)).toEqual(['access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE', 'access-analyzer/new-access']);
  });
});
