/**
 * Which Conditions constrain a grant. One rule, used by every "on *" rule:
 *
 *   A statement is constrained when at least one of its condition keys narrows WHO or WHAT the
 *   grant reaches (resource tags, request tags, the service a role is passed to, the resource's
 *   account or organisation, a prefix, ...).
 *
 * Keys that only describe HOW, WHEN or FROM WHERE a request is made (TLS, region, time, MFA,
 * source IP or VPC, user agent), or the caller itself (its tags, ARN, user name: the holder of an
 * identity policy), leave every resource reachable, so they do not constrain.
 * Neither do `...IfExists` operators nor the `ForAllValues:` prefix (both hold when the key is
 * absent from the request), the `Null` operator (it tests presence, not value), negated
 * operators (`StringNotEquals`, `ArnNotLike`, ...: everything but the values, as NotResource is
 * everything but its ARNs), nor a `*Like` test whose only value is `*`.
 */
import type { ConditionBlock } from '../model/types';
import { globMatches } from './action-pattern';

const CONTEXT_ONLY_KEYS = new Set(
  [
    'aws:SecureTransport',
    'aws:RequestedRegion',
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:MultiFactorAuthPresent',
    'aws:MultiFactorAuthAge',
    'aws:SourceIp',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:VpcSourceIp',
    'aws:UserAgent',
    'aws:Referer',
    'aws:TokenIssueTime',
    's3:TlsVersion',
    's3:signatureversion',
    's3:signatureAge',
    's3:authType',
    's3:x-amz-content-sha256',
  ].map((k) => k.toLowerCase()),
);

/**
 * Keys about the caller itself (its tags, ARN, account, organisation, type, user name): in an
 * identity policy the caller is the holder, so these pick which holders get the grant, never
 * which resources it reaches. (`aws:PrincipalIsAWSService` is not one: it is never true for a
 * user's own request.) A resource key compared with one, `aws:ResourceTag/team` equal to
 * `${aws:PrincipalTag/team}`, is keyed by the resource and constrains.
 */
const CALLER_KEY = /^aws:(principaltag\/.+|principalarn|principalaccount|principalorgid|principalorgpaths|principaltype|username|userid)$/;

/** True when the key says nothing about which resources are reached (see the module comment). */
export function isContextOnlyKey(key: string): boolean {
  const lower = key.toLowerCase();
  return CONTEXT_ONLY_KEYS.has(lower) || CALLER_KEY.test(lower);
}

function operatorConstrains(operator: string): boolean {
  if (/IfExists$/i.test(operator) || /^ForAllValues:/i.test(operator)) return false;
  const base = operator.replace(/^ForAnyValue:/i, '');
  return base.toLowerCase() !== 'null' && !/^(String|Arn|Numeric|Date)Not/i.test(base);
}

/** One test of a condition block that narrows what the grant reaches (see the module comment). */
interface ConstrainingTest {
  key: string;
  values: readonly string[];
  /** A `*Like` operator: the values are globs. */
  like: boolean;
}

/** The tests of `condition` that constrain, in order: the one place that says which do. */
function* constrainingTests(condition: ConditionBlock): Generator<ConstrainingTest> {
  for (const [operator, keys] of Object.entries(condition)) {
    if (!operatorConstrains(operator)) continue;
    const like = /Like$/i.test(operator);
    for (const [key, values] of Object.entries(keys)) {
      if (isContextOnlyKey(key)) continue;
      if (like && values.length > 0 && values.every((v) => v === '*')) continue;
      yield { key, values, like };
    }
  }
}

/** True when the condition block narrows who or what the statement's grant reaches. */
export function conditionConstrains(condition: ConditionBlock | null): boolean {
  return condition !== null && constrainingTests(condition).next().done !== true;
}

/** One test of `iam:PassedToService`: its values, lower-cased; globs for the `*Like` operators. */
export interface PassedToServiceTest {
  values: readonly string[];
  glob: boolean;
}

/**
 * When `iam:PassedToService` is all that constrains a statement: the tests it makes on that key
 * (a service passes when it satisfies every one). Null when the statement is not constrained, or
 * another key constrains it too: then it is constrained as any other grant. A role passed to a
 * service the holder can also run code in (a Lambda function it creates) still raises its rights,
 * so privilege-escalation asks which services a statement lets roles go to.
 */
export function passedToServiceTests(condition: ConditionBlock | null): PassedToServiceTest[] | null {
  if (!condition) return null;
  const tests: PassedToServiceTest[] = [];
  for (const { key, values, like } of constrainingTests(condition)) {
    if (key.toLowerCase() !== 'iam:passedtoservice') return null;
    tests.push({ values: values.map((v) => v.toLowerCase()), glob: like });
  }
  return tests.length > 0 ? tests : null;
}

/** True when a role may be passed to `service` (a principal such as `lambda.amazonaws.com`) under every test. */
export function passesTo(tests: readonly PassedToServiceTest[], service: string): boolean {
  const lower = service.toLowerCase();
  return tests.every((t) => t.values.some((v) => (t.glob ? globMatches(v, lower) : v === lower)));
}

/** IAM's condition operators (lower case); each but Null may end in IfExists. */
const OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];
const OPERATOR_BY_LOWER = new Map(OPERATORS.map((o) => [o.toLowerCase(), o]));

/**
 * Why IAM rejects `operator` as a condition operator (a typo such as `StringEqualz`, or
 * `NullIfExists`), naming the closest real one; null when it is one. Case is not judged.
 */
export function conditionOperatorProblem(operator: string): string | null {
  const base = operator.replace(/^For(AnyValue|AllValues):/i, '');
  const bare = base.replace(/IfExists$/i, '');
  const known = OPERATOR_BY_LOWER.get(bare.toLowerCase());
  if (known === 'Null' && bare.length !== base.length) return `Condition operator ${operator} does not exist: Null takes no IfExists`;
  if (known !== undefined) return null;
  const closest = OPERATORS.map((o) => ({ o, d: distance(bare.toLowerCase(), o.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  const hint = closest.d <= 3 ? `; did you mean ${operator.slice(0, operator.length - base.length)}${closest.o}${base.slice(bare.length)}?` : '';
  return `Condition operator ${operator} is not an IAM condition operator, so IAM rejects the policy${hint}`;
}

/** Edit distance, for suggestions between short words. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
