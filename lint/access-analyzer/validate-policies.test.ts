import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeAccessAnalyzer } from './fake-access-analyzer';
import { record, TEST_CREDENTIALS } from './test-records';
import { validatePolicies, type ValidateOptions } from './validate-policies';

const passRoleEverywhere = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ReadLogs', Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:app:*' },
    { Sid: 'PassAnyRole', Effect: 'Allow', Action: ['iam:PassRole'], Resource: '*' },
  ],
};

describe('validatePolicies against a loopback Access Analyzer', () => {
  let service: FakeAccessAnalyzer;
  let options: ValidateOptions;

  beforeEach(async () => {
    service = new FakeAccessAnalyzer();
    const endpoint = await service.start();
    options = { endpoint, region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 3 };
  });
  afterEach(() => service.stop());

  it('maps findings to access-analyzer/<ISSUE_CODE> with severity and the statement they point at', async () => {
    const findings = await validatePolicies([record('deploy', 'managed', passRoleEverywhere)], options);

    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE',
        severity: 'error',
        statement: 'PassAnyRole',
        origin: expect.objectContaining({ file: 'stacks/deploy.tf.json', resource: 'aws_iam_policy.deploy' }),
      }),
    ]);
    expect(findings[0]!.message).toMatch(/^IAM Access Analyzer: Using the iam:PassRole action/);
    expect(findings[0]!.learnMoreLink).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    const [request] = service.requests;
    expect(request!.path).toBe('/policy/validation');
    expect(request!.body.policyType).toBe('IDENTITY_POLICY');
    expect(request!.body.validatePolicyResourceType).toBeUndefined();
    expect(request!.credentialScope).toMatch(/^AKIDTESTFAKEANALYZER\/\d{8}\/eu-west-1\/access-analyzer\/aws4_request$/);
  });

  it('maps WARNING to warning and SUGGESTION to info, with the statement index when there is no Sid', async () => {
    const noVersion = { Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] };
    const findings = await validatePolicies([record('reader', 'inline-user', noVersion)], options);

    const bySeverity = findings.map((f) => [f.ruleId, f.severity, f.statement]);
    expect(bySeverity).toEqual([
      ['access-analyzer/MISSING_VERSION', 'warning', null],
      ['access-analyzer/REDUNDANT_ACTION', 'info', 0],
    ]);
  });

  it('validates trust policies as RESOURCE_POLICY for AWS::IAM::AssumeRolePolicyDocument', async () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    await validatePolicies([record('role', 'trust', trust)], options);

    expect(service.requests[0]!.body).toMatchObject({
      policyType: 'RESOURCE_POLICY',
      validatePolicyResourceType: 'AWS::IAM::AssumeRolePolicyDocument',
    });
  });

  it('follows nextToken until the last page', async () => {
    service.pageSize = 1;
    const manyFindings = {
      Statement: [
        { Effect: 'Allow', Action: ['iam:PassRole'], Resource: '*' },
        { Effect: 'Allow', Action: ['s3:ListBucket', 's3:ListBucket'], Resource: 'arn:aws:s3:::b' },
      ],
    };
    const findings = await validatePolicies([record('paged', 'managed', manyFindings)], options);

    expect(findings.map((f) => f.ruleId)).toEqual([
      'access-analyzer/MISSING_VERSION',
      'access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE',
      'access-analyzer/REDUNDANT_ACTION',
    ]);
    expect(service.requests.map((r) => r.query.get('nextToken'))).toEqual([null, '1', '2']);
  });

  it('stops, and says so, when the service hands back the same nextToken again', async () => {
    service.answerRaw(JSON.stringify({ findings: [], nextToken: 'page-2' }));
    service.answerRaw(JSON.stringify({ findings: [], nextToken: 'page-2' }));
    const [finding] = await validatePolicies([record('loop', 'managed', passRoleEverywhere)], options);

    expect(service.requests).toHaveLength(2);
    expect(finding!.message).toContain('malformed answer: the answer repeats or garbles its nextToken ("page-2")');
  });

  it('retries a throttled request with backoff, then reports the answer', async () => {
    service.throttle(1);
    const findings = await validatePolicies([record('deploy', 'managed', passRoleEverywhere)], options);

    expect(service.requests).toHaveLength(2);
    expect(findings.map((f) => f.ruleId)).toEqual(['access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE']);
  });

  it('reports throttling that outlasts the attempts as a warning finding, and goes on with the next document', async () => {
    service.throttle(3);
    const findings = await validatePolicies(
      [record('first', 'managed', passRoleEverywhere), record('second', 'managed', { ...passRoleEverywhere, Id: 'other' })],
      { ...options, concurrency: 1 },
    );

    expect(findings.map((f) => [f.origin.resource, f.ruleId, f.severity])).toEqual([
      ['aws_iam_policy.first', 'access-analyzer/request-failed', 'warning'],
      ['aws_iam_policy.second', 'access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE', 'error'],
    ]);
    expect(findings[0]!.message).toMatch(/ThrottlingException: Rate exceeded after 3 attempts/);
    expect(findings[0]!.message).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });

  it('reports a malformed answer instead of crashing', async () => {
    service.answerRaw('{"findings": "not a list"');
    const [truncated] = await validatePolicies([record('a', 'managed', passRoleEverywhere)], options);
    expect(truncated).toMatchObject({ ruleId: 'access-analyzer/request-failed', severity: 'warning' });

    service.answerRaw(JSON.stringify({ findings: [{ issueCode: 'X', findingType: 'LOUD', locations: [] }] }));
    const [unknownType] = await validatePolicies([record('b', 'managed', passRoleEverywhere)], options);
    expect(unknownType).toMatchObject({ ruleId: 'access-analyzer/request-failed' });
    expect(unknownType!.message).toContain('malformed answer: finding X has an unknown findingType ("LOUD")');
  });

  it('reports refused access with the service error, not retried', async () => {
    service.fail(403, 'AccessDeniedException', 'User is not authorized to perform: access-analyzer:ValidatePolicy');
    const [finding] = await validatePolicies([record('a', 'managed', passRoleEverywhere)], options);

    expect(service.requests).toHaveLength(1);
    expect(finding!.message).toContain('HTTP 403 AccessDeniedException: User is not authorized');
  });

  it('sends identical documents once', async () => {
    await validatePolicies(
      [record('a', 'managed', passRoleEverywhere), record('b', 'inline-group', passRoleEverywhere)],
      options,
    );
    expect(service.requests).toHaveLength(1);
  });
});

describe('validatePolicies without a service', () => {
  it('sends nothing, and builds no client, when no document needs it', async () => {
    const service = new FakeAccessAnalyzer();
    const endpoint = await service.start();
    try {
      const withTerraformReference = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '${aws_s3_bucket.site.arn}/*' }],
      };
      const managed = record('ReadOnlyAccess', 'aws-managed', { Version: '2012-10-17', Statement: [] });
      const findings = await validatePolicies([managed, record('site', 'managed', withTerraformReference)], {
        endpoint,
        region: 'eu-west-1',
        credentials: TEST_CREDENTIALS,
      });

      expect(service.requests).toHaveLength(0);
      expect(findings).toEqual([
        expect.objectContaining({ ruleId: 'access-analyzer/not-sent', severity: 'info', statement: null }),
      ]);
      expect(findings[0]!.message).toContain('${aws_s3_bucket.site.arn}');
    } finally {
      await service.stop();
    }
  });

  it('reports an unreachable endpoint as a finding', async () => {
    const service = new FakeAccessAnalyzer();
    const endpoint = await service.start();
    await service.stop();
    const [finding] = await validatePolicies([record('a', 'managed', passRoleEverywhere)], {
      endpoint,
      region: 'eu-west-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 2,
    });
    expect(finding).toMatchObject({ ruleId: 'access-analyzer/request-failed', severity: 'warning' });
    expect(finding!.message).toMatch(/ECONNREFUSED/);
  });
});
