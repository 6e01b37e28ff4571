/**
 * Turn the grants a caller names (presets, custom documents) into the managed policies to create:
 * each document is validated with the linter's parser, sized as IAM will count it, split by statement
 * when it is over the managed-policy quota, and rendered as `${jsonencode({...})}` Terraform text.
 */
import { Token } from 'cdktf';
import { parsePolicyDocument, policySize } from '../lint/model/parse-document';
import type { AccountValues } from './account-context';
import { jsonencodeExpression } from './jsonencode-expression';
import { atWorstCaseLength, mapStrings, toHclQuotedString } from './terraform-text';
import type { NamedDocument } from './preset-source';

/** IAM quota for a customer managed policy: characters without white space. */
export const MANAGED_POLICY_SIZE_LIMIT = 6144;

export interface PolicySource extends NamedDocument {
  /** How the caller named it, for messages: `presets: "eks-admin"` or `policies.deploy`. */
  prop: string;
}

export interface PolicyPart {
  /** Name suffix: the source's name, with `-1`, `-2`... when the document was split. */
  name: string;
  /** The document as Terraform text: `${jsonencode({...})}`, placeholders as interpolations. */
  policy: string;
  /** Size IAM will count at worst; at most MANAGED_POLICY_SIZE_LIMIT. */
  size: number;
}

type JsonObject = Record<string, unknown>;

function statementLabel(raw: unknown, index: number): string {
  const sid = typeof raw === 'object' && raw !== null && 'Sid' in raw ? (raw as JsonObject).Sid : undefined;
  return typeof sid === 'string' ? `Statement[${index}] (Sid "${sid}")` : `Statement[${index}]`;
}

function statementsOf(document: JsonObject): unknown[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement];
}

/** Where in the document each string holding a cdktf token is: `Statement[0].Resource[1]`. */
function referencesIn(value: unknown, at: string): string[] {
  if (typeof value === 'string') return Token.isUnresolved(value) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => referencesIn(item, `${at}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [...(Token.isUnresolved(key) ? [`${at} (a key)`] : []), ...referencesIn(item, at === '' ? key : `${at}.${key}`)]);
  }
  return [];
}

/**
 * The document is written out as literal text, so a reference in it would reach IAM as characters
 * (`"$var.bucket/*"`) and fail at apply: refused here, where the caller can still choose.
 */
function refuseReferences(source: PolicySource): void {
  const places = referencesIn(source.document, '');
  if (places.length === 0) return;
  throw new Error(
    `${source.prop}: ${places.join(', ')} holds a Terraform reference, which a document here cannot carry; ` +
      'write the ARN as text with ${AccountId}, ${Partition} and ${Region} for the deploying account, or make the policy ' +
      'yourself (aws_iam_policy) and attach it to the group the construct makes (groupName)',
  );
}

/** Throws with every problem the parser found, each naming its statement. */
function validate(source: PolicySource): JsonObject {
  const parsed = parsePolicyDocument(source.document);
  if (parsed.problems.length === 0) return source.document as JsonObject;
  const raw = typeof source.document === 'object' && source.document !== null ? statementsOf(source.document as JsonObject) : [];
  const lines = parsed.problems.map((p) => `  - ${p.statement === null ? 'document' : statementLabel(raw[p.statement], p.statement)}: ${p.message}`);
  throw new Error(`${source.prop} (${source.origin}) is not a valid IAM policy document; fix it:\n${lines.join('\n')}`);
}

// Terraform's jsonencode writes <, >, &, U+2028 and U+2029 as \u003c and the like: six characters
// IAM may count as written.
const JSONENCODE_ESCAPED = /[<>&\u2028\u2029]/g;

function worstCaseSize(document: JsonObject): number {
  return policySize(JSON.stringify(mapStrings(document, atWorstCaseLength)).replace(JSONENCODE_ESCAPED, '\\u0000'));
}

/** Greedy split in statement order; a statement alone over the quota cannot be split further. */
function split(source: PolicySource, document: JsonObject): JsonObject[] {
  if (worstCaseSize(document) <= MANAGED_POLICY_SIZE_LIMIT) return [document];
  const withStatements = (statements: unknown[]): JsonObject => ({ ...document, Statement: statements });
  const parts: unknown[][] = [];
  let current: unknown[] = [];
  statementsOf(document).forEach((statement, index) => {
    const alone = worstCaseSize(withStatements([statement]));
    if (alone > MANAGED_POLICY_SIZE_LIMIT) {
      throw new Error(
        `${source.prop} (${source.origin}): ${statementLabel(statement, index)} is ${alone} characters without white space ` +
          `(placeholders counted at their longest), over the ${MANAGED_POLICY_SIZE_LIMIT}-character managed policy quota even alone; ` +
          'split its Action or Resource list into several statements, or use wildcards',
      );
    }
    if (current.length > 0 && worstCaseSize(withStatements([...current, statement])) > MANAGED_POLICY_SIZE_LIMIT) {
      parts.push(current);
      current = [];
    }
    current.push(statement);
  });
  parts.push(current);
  return parts.map(withStatements);
}

/** Validate, size, split and render one named document; `values` as accountReferences gives them. */
export function renderPolicy(source: PolicySource, values: AccountValues): PolicyPart[] {
  refuseReferences(source);
  const parts = split(source, validate(source));
  return parts.map((part, i) => ({
    name: parts.length === 1 ? source.name : `${source.name}-${i + 1}`,
    policy: jsonencodeExpression(part, (text) => toHclQuotedString(text, values)),
    size: worstCaseSize(part),
  }));
}
