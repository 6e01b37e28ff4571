/**
 * `--check-no-new-access REF`: ask IAM Access Analyzer whether each identity policy grants anything
 * the reference policy (a least-privilege preset) does not. The analyzer answers by reasoning over
 * the policies, so it catches what our pattern rules cannot (a wider ARN, a missing condition).
 */
import { CheckNoNewAccessCommand, type AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import type { PolicyDocument, PolicyRecord } from '../model/types';
import { createAnalyzerClient } from './client';
import { MalformedAnswer } from './map-finding';
import { analyzerText } from './policy-text';
import { mapPooled } from './pool';
import type { ReferencePolicy } from './reference-policy';
import { ANALYZER_RULE_IDS, type AnalyzerFinding } from './types';
import { DEFAULT_CONCURRENCY, notSent, requestFailed, type ValidateOptions } from './validate-policies';

type IdentityRecord = PolicyRecord & { document: PolicyDocument };

/** Only identity policies compare with an identity preset; trust and AWS managed ones are skipped. */
function isComparable(record: PolicyRecord): record is IdentityRecord {
  return record.document !== null && record.kind !== 'trust' && record.kind !== 'aws-managed';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function newAccess(record: IdentityRecord, reference: ReferencePolicy, answer: Record<string, unknown>): AnalyzerFinding[] {
  const base = {
    ruleId: ANALYZER_RULE_IDS.newAccess,
    messageId: 'new-access',
    severity: 'error' as const,
    learnMoreLink: null,
  };
  const summary = typeof answer.message === 'string' ? answer.message : 'the policy grants new access';
  const reasons = Array.isArray(answer.reasons) ? answer.reasons.filter(isRecord) : [];
  const located = reasons.filter((reason) => typeof reason.statementIndex === 'number');
  if (located.length === 0) {
    return [{ ...base, message: `IAM Access Analyzer: grants more than ${reference.name}: ${summary}`, origin: record.origin, statement: null }];
  }
  return located.map((reason) => {
    const statement = record.document.statements[reason.statementIndex as number];
    const why = typeof reason.description === 'string' ? reason.description : summary;
    return {
      ...base,
      message: `IAM Access Analyzer: grants more than ${reference.name}: ${why}`,
      origin: { ...record.origin, line: statement?.line ?? record.origin.line },
      statement: statement ? (statement.sid ?? statement.index) : (reason.statementIndex as number),
    };
  });
}

/** Compare every identity policy with the reference. Never rejects: request failures are findings. */
export async function checkNoNewAccess(
  records: readonly PolicyRecord[],
  reference: ReferencePolicy,
  options: ValidateOptions = {},
): Promise<AnalyzerFinding[]> {
  const targets = records.filter(isComparable);
  if (targets.length === 0) return [];
  let client: AccessAnalyzerClient | undefined = options.client;
  const perRecord = await mapPooled(targets, options.concurrency ?? DEFAULT_CONCURRENCY, async (record) => {
    const text = analyzerText(record.document);
    if ('unresolved' in text) return [notSent(record, text.unresolved)];
    try {
      client ??= createAnalyzerClient(options);
      const answer: unknown = await client.send(
        new CheckNoNewAccessCommand({
          newPolicyDocument: text.text,
          existingPolicyDocument: reference.text,
          policyType: 'IDENTITY_POLICY',
        }),
      );
      if (!isRecord(answer)) throw new MalformedAnswer('the answer is not an object');
      if (answer.result === 'PASS') return [];
      if (answer.result === 'FAIL') return newAccess(record, reference, answer);
      throw new MalformedAnswer(`unknown result ${JSON.stringify(answer.result)}`);
    } catch (error) {
      return [requestFailed(record, `compare with ${reference.name}`, error)];
    }
  });
  if (!options.client) client?.destroy();
  return perRecord.flat();
}
