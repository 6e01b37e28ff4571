/**
 * `--access-analyzer`: send each policy document to IAM Access Analyzer's ValidatePolicy and report
 * its findings as `access-analyzer/<ISSUE_CODE>`. A failed request becomes a warning finding on that
 * document; the run goes on, because the analyzer is a second opinion, not the linter.
 */
import {
  ValidatePolicyCommand,
  type AccessAnalyzerClient,
  type PolicyType,
  type ValidatePolicyResourceType,
} from '@aws-sdk/client-accessanalyzer';
import type { PolicyDocument, PolicyRecord } from '../model/types';
import { createAnalyzerClient, describeFailure } from './client';
import { MalformedAnswer, mapValidateFinding } from './map-finding';
import { analyzerText } from './policy-text';
import { mapPooled } from './pool';
import { ANALYZER_RULE_IDS, type AnalyzerFinding, type AnalyzerOptions } from './types';

export const DEFAULT_CONCURRENCY = 4;
/** A paginated answer longer than this is a service loop, not a long policy. */
const MAX_PAGES = 50;

export interface ValidateOptions extends AnalyzerOptions {
  /** A client to use instead of building one (shared with checkNoNewAccess in one run). */
  client?: AccessAnalyzerClient;
}

interface ValidationTarget {
  policyType: PolicyType;
  resourceType?: ValidatePolicyResourceType;
}

/** Trust policies are resource policies on the role; a file with a Principal is some resource's policy. */
export function validationTarget(record: PolicyRecord): ValidationTarget {
  if (record.kind === 'trust') {
    return { policyType: 'RESOURCE_POLICY', resourceType: 'AWS::IAM::AssumeRolePolicyDocument' };
  }
  const hasPrincipal = record.document?.statements.some((s) => s.principal != null || s.notPrincipal != null);
  if (record.kind === 'file' && hasPrincipal) return { policyType: 'RESOURCE_POLICY' };
  return { policyType: 'IDENTITY_POLICY' };
}

type ParsedRecord = PolicyRecord & { document: PolicyDocument };

/** AWS managed policies are AWS's to fix; documents that did not parse are invalid-document's. */
function shouldSend(record: PolicyRecord): record is ParsedRecord {
  return record.kind !== 'aws-managed' && record.document !== null;
}

async function validateText(client: AccessAnalyzerClient, text: string, target: ValidationTarget): Promise<unknown[]> {
  const findings: unknown[] = [];
  const seenTokens = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    // Typed loosely on purpose: the answer comes over the network and is checked field by field.
    const answer: { findings?: unknown; nextToken?: unknown } = await client.send(
      new ValidatePolicyCommand({
        policyDocument: text,
        policyType: target.policyType,
        ...(target.resourceType && { validatePolicyResourceType: target.resourceType }),
        ...(nextToken !== undefined && { nextToken }),
      }),
    );
    if (!Array.isArray(answer.findings)) throw new MalformedAnswer('the answer has no findings list');
    for (const f of answer.findings) findings.push(f);
    const token = answer.nextToken;
    if (token === undefined || token === null || token === '') return findings;
    if (typeof token !== 'string' || seenTokens.has(token)) {
      throw new MalformedAnswer(`the answer repeats or garbles its nextToken (${JSON.stringify(token)})`);
    }
    seenTokens.add(token);
    nextToken = token;
  }
  throw new MalformedAnswer(`the answer did not end after ${MAX_PAGES} pages`);
}

export function requestFailed(record: PolicyRecord, what: string, error: unknown): AnalyzerFinding {
  const cause = error instanceof MalformedAnswer ? `malformed answer: ${error.message}` : describeFailure(error);
  return {
    ruleId: ANALYZER_RULE_IDS.requestFailed,
    messageId: 'request-failed',
    message: `IAM Access Analyzer could not ${what} this document (${cause}); the run goes on without that check. Check the AWS region and credentials, or retry later if throttled.`,
    severity: 'warning',
    learnMoreLink: null,
    origin: record.origin,
    statement: null,
  };
}

export function notSent(record: PolicyRecord, expression: string): AnalyzerFinding {
  return {
    ruleId: ANALYZER_RULE_IDS.notSent,
    messageId: 'not-sent',
    message: `Not sent to IAM Access Analyzer: it holds the Terraform expression ${expression}, known only at apply. Lint the plan (terraform show -json) to have it checked.`,
    severity: 'info',
    learnMoreLink: null,
    origin: record.origin,
    statement: null,
  };
}

/**
 * Validate every document the run read. Identical documents are sent once. Never rejects: request
 * failures are findings. Builds a client only when there is something to send.
 */
export async function validatePolicies(
  records: readonly PolicyRecord[],
  options: ValidateOptions = {},
): Promise<AnalyzerFinding[]> {
  const targets = records.filter(shouldSend);
  if (targets.length === 0) return [];
  let client = options.client;
  const answers = new Map<string, Promise<unknown[]>>();
  const perRecord = await mapPooled(targets, options.concurrency ?? DEFAULT_CONCURRENCY, async (record) => {
    const text = analyzerText(record.document);
    if ('unresolved' in text) return [notSent(record, text.unresolved)];
    const target = validationTarget(record);
    const key = `${target.policyType} ${target.resourceType ?? ''} ${text.text}`;
    try {
      client ??= createAnalyzerClient(options);
      let answer = answers.get(key);
      if (!answer) {
        answer = validateText(client, text.text, target);
        answers.set(key, answer);
      }
      return (await answer).map((raw) => mapValidateFinding(raw, record));
    } catch (error) {
      return [requestFailed(record, 'validate', error)];
    }
  });
  if (!options.client) client?.destroy();
  return perRecord.flat();
}
