import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presetNames } from '../../policies';
import { checkNoNewAccess } from './check-no-new-access';
import { FakeAccessAnalyzer } from './fake-access-analyzer';
import { loadReferencePolicy, ReferencePolicyError } from './reference-policy';
import { record, TEST_CREDENTIALS } from './test-records';
import type { ValidateOptions } from './validate-policies';

const readOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }] };

function referenceFile(document: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'reference-')), 'reference.json');
  writeFileSync(file, JSON.stringify(document));
  return file;
}

describe('checkNoNewAccess against a loopback Access Analyzer', () => {
  let service: FakeAccessAnalyzer;
  let options: ValidateOptions;

  beforeEach(async () => {
    service = new FakeAccessAnalyzer();
    options = { endpoint: await service.start(), region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 2 };
  });
  afterEach(() => service.stop());

  it('passes a policy that stays within the reference', async () => {
    const reference = loadReferencePolicy(referenceFile(readOnly));
    const within = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] };

    expect(await checkNoNewAccess([record('reader', 'managed', within)], reference, options)).toEqual([]);
    expect(service.requests[0]).toMatchObject({
      path: '/policy/check-no-new-access',
      body: { policyType: 'IDENTITY_POLICY', existingPolicyDocument: reference.text },
    });
  });

  it('reports each statement that grants new access, by Sid, as an error', async () => {
    const reference = loadReferencePolicy(referenceFile(readOnly));
    const wider = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Sid: 'Write', Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
      ],
    };
    const findings = await checkNoNewAccess([record('writer', 'managed', wider)], reference, options);

    expect(findings).toEqual([
      expect.objectContaining({ ruleId: 'access-analyzer/new-access', severity: 'error', statement: 'Write' }),
    ]);
    expect(findings[0]!.message).toContain(`grants more than ${reference.name}: New access in the statement with index: 1`);
  });

  it('skips trust and AWS managed policies, and reports failures as findings', async () => {
    const reference = loadReferencePolicy(referenceFile(readOnly));
    const trust = record('role', 'trust', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    service.answerRaw(JSON.stringify({ result: 'MAYBE' }));
    const findings = await checkNoNewAccess(
      [trust, record('AdministratorAccess', 'aws-managed', readOnly), record('mine', 'managed', readOnly)],
      reference,
      options,
    );

    expect(service.requests).toHaveLength(1);
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'access-analyzer/request-failed', severity: 'warning' })]);
    expect(findings[0]!.message).toContain('malformed answer: unknown result "MAYBE"');
  });
});

describe('loadReferencePolicy', () => {
  it('reads a preset by name, with its placeholders given sample values', () => {
    const [name] = presetNames();
    expect(name).toBeDefined();
    const reference = loadReferencePolicy(name!);
    expect(reference.text).not.toMatch(/\$\{(AccountId|Partition|Region)\}/);
    expect(JSON.parse(reference.text)).toHaveProperty('Statement');
  });

  it('names the file and the problem when the reference cannot be used', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'reference-')), 'bad.json');
    writeFileSync(bad, '{"Version": "2012-10-17", "Statement": [');
    expect(() => loadReferencePolicy(bad)).toThrow(ReferencePolicyError);
    expect(() => loadReferencePolicy(bad)).toThrow(new RegExp(`reference policy ${bad} is not valid JSON`));
    expect(() => loadReferencePolicy('no-such-preset-or-file')).toThrow(/no such file, and no preset by that name/);
    const withReference = referenceFile({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}' }],
    });
    expect(() => loadReferencePolicy(withReference)).toThrow(/holds \$\{aws_s3_bucket\.b\.arn\}/);
  });
});
