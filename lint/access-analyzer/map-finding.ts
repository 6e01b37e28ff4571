/**
 * Turn one ValidatePolicy finding into the linter's terms: `access-analyzer/<ISSUE_CODE>`, a mapped
 * severity and the statement it points at. The answer comes over the network, so every field is
 * checked rather than trusted: a field of the wrong type makes the whole answer malformed.
 */
import type { PolicyRecord, Severity } from '../model/types';
import type { AnalyzerFinding } from './types';

/** SECURITY_WARNING is an error: it is the analyzer saying "this grant is risky", our error's meaning. */
const SEVERITY_BY_FINDING_TYPE: Record<string, Severity> = {
  ERROR: 'error',
  SECURITY_WARNING: 'error',
  WARNING: 'warning',
  SUGGESTION: 'info',
};

export class MalformedAnswer extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Statement index from the first location whose path is `Statement`, `<index>`, ... */
export function statementIndexOf(locations: unknown): number | null {
  if (!Array.isArray(locations)) return null;
  for (const location of locations) {
    const path: unknown = isRecord(location) ? location.path : undefined;
    if (!Array.isArray(path)) continue;
    const [head, next] = path as unknown[];
    if (isRecord(head) && head.value === 'Statement' && isRecord(next) && typeof next.index === 'number') {
      return next.index;
    }
  }
  return null;
}

export function mapValidateFinding(raw: unknown, record: PolicyRecord): AnalyzerFinding {
  if (!isRecord(raw)) throw new MalformedAnswer('a finding is not an object');
  const { issueCode, findingType, findingDetails, learnMoreLink } = raw;
  if (typeof issueCode !== 'string' || !/^[A-Za-z0-9_]+$/.test(issueCode)) {
    throw new MalformedAnswer(`a finding has no usable issueCode (${JSON.stringify(issueCode)})`);
  }
  const severity = typeof findingType === 'string' ? SEVERITY_BY_FINDING_TYPE[findingType] : undefined;
  if (severity === undefined) {
    throw new MalformedAnswer(`finding ${issueCode} has an unknown findingType (${JSON.stringify(findingType)})`);
  }
  const index = statementIndexOf(raw.locations);
  const statement = index === null ? undefined : record.document?.statements[index];
  const details = typeof findingDetails === 'string' && findingDetails !== '' ? findingDetails : issueCode;
  return {
    ruleId: `access-analyzer/${issueCode}`,
    messageId: issueCode,
    message: `IAM Access Analyzer: ${details}`,
    severity,
    learnMoreLink: typeof learnMoreLink === 'string' ? learnMoreLink : null,
    origin: { ...record.origin, line: statement?.line ?? record.origin.line },
    statement: statement ? (statement.sid ?? statement.index) : index,
  };
}
