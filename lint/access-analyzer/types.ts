/**
 * What the IAM Access Analyzer checks give back to a lint run. Kept apart from the client so the
 * CLI can merge these findings without loading the AWS SDK when the checks are off.
 */
import type { AccessAnalyzerClientConfig } from '@aws-sdk/client-accessanalyzer';
import type { RawFinding, Severity } from '../model/types';

/** A RawFinding that already carries its severity: Access Analyzer decides it, not a rule's meta. */
export interface AnalyzerFinding extends RawFinding {
  severity: Severity;
  /** AWS's page for the issue code, when the service gave one. */
  learnMoreLink: string | null;
}

/** Rule ids this module reports besides `access-analyzer/<ISSUE_CODE>` (upper case, AWS's). */
export const ANALYZER_RULE_IDS = {
  /** A request failed after its retries (throttling, credentials, network, malformed answer). */
  requestFailed: 'access-analyzer/request-failed',
  /** A document was not sent: it holds Terraform expressions only apply can resolve. */
  notSent: 'access-analyzer/not-sent',
  /** CheckNoNewAccess said the document grants more than the reference policy. */
  newAccess: 'access-analyzer/new-access',
} as const;

export interface AnalyzerOptions {
  /** AWS region; defaults to the usual chain (AWS_REGION, profile config). */
  region?: string;
  /** Service endpoint override (tests, VPC endpoints); defaults to the usual chain (AWS_ENDPOINT_URL...). */
  endpoint?: string;
  /** Credentials; default to the usual chain (environment, profile, SSO, instance role). */
  credentials?: AccessAnalyzerClientConfig['credentials'];
  /** Attempts per request, first one included, with the SDK's backoff between them. Default 4. */
  maxAttempts?: number;
  /** Requests in flight at once. Default 4: Access Analyzer's policy checks are rate limited per account. */
  concurrency?: number;
  /** Per-request socket timeout in milliseconds. Default 15000. */
  requestTimeoutMs?: number;
}
