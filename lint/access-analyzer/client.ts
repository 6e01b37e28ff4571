/**
 * The one place an Access Analyzer client is built. Nothing imports this unless a run asked for
 * `--access-analyzer` or `--check-no-new-access`, so offline runs never load the SDK's network stack.
 */
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import type { AnalyzerOptions } from './types';

export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/**
 * Region, endpoint and credentials come from the usual AWS chain unless given. Retries use the
 * SDK's standard strategy (exponential backoff with jitter, longer for throttling) with a bounded
 * number of attempts, so a throttled run slows down rather than fails.
 */
export function createAnalyzerClient(options: AnalyzerOptions = {}): AccessAnalyzerClient {
  return new AccessAnalyzerClient({
    ...(options.region !== undefined && { region: options.region }),
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(options.credentials !== undefined && { credentials: options.credentials }),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      connectionTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    },
  });
}

/** A failed call, described for a finding: error name, message and attempts, never request data. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const metadata = (error as { $metadata?: { attempts?: number; httpStatusCode?: number } }).$metadata;
  const attempts = metadata?.attempts && metadata.attempts > 1 ? ` after ${metadata.attempts} attempts` : '';
  const status = metadata?.httpStatusCode ? `HTTP ${metadata.httpStatusCode} ` : '';
  const message = error.message.length > 300 ? `${error.message.slice(0, 300)}...` : error.message;
  return `${status}${error.name}: ${message}${attempts}`;
}
