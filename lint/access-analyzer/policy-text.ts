/**
 * The JSON text Access Analyzer receives for a document. Built from the parsed model, so it is the
 * document the rules saw (Statement always an array: the analyzer's statement indexes are ours).
 *
 * Terraform inputs carry `${...}` expressions that only apply resolves. The analyzer would call them
 * invalid ARNs, so the few whose value does not matter to a policy check (account id, partition,
 * region) get sample values, and a document holding any other expression is not sent at all: a
 * false "invalid ARN" would teach people to ignore the check. IAM policy variables
 * (`${aws:username}`) are the analyzer's own syntax and are sent as written.
 */
import type { PolicyDocument, Statement } from '../model/types';

/** Sample values from AWS's documentation, used only in what is sent to the analyzer. */
const SAMPLE_ACCOUNT = '111122223333';
const SAMPLE_PARTITION = 'aws';
const SAMPLE_REGION = 'us-east-1';

/** Expressions with a value that a policy check does not depend on. */
const NEUTRAL_EXPRESSIONS: Array<[RegExp, string]> = [
  // The preset placeholders in policies/*.json.
  [/^AccountId$/, SAMPLE_ACCOUNT],
  [/^Partition$/, SAMPLE_PARTITION],
  [/^Region$/, SAMPLE_REGION],
  // The data sources a stack reads them from.
  [/^data\.aws_caller_identity\.[\w-]+\.account_id$/, SAMPLE_ACCOUNT],
  [/^data\.aws_partition\.[\w-]+\.partition$/, SAMPLE_PARTITION],
  [/^data\.aws_region\.[\w-]+\.(name|region|id)$/, SAMPLE_REGION],
];

/** `${aws:username}`, `${s3:prefix}`, `${aws:PrincipalTag/team, 'none'}`, `${*}`, `${?}`, `${$}`. */
const POLICY_VARIABLE = /^([*?$]|[\w.-]+:[\w./-]+(\s*,\s*'[^']*')?)$/;

export type AnalyzerText = { text: string } | { unresolved: string };

/** Replace `${...}` expressions in one string; the first one that has no neutral value is returned instead. */
function substitute(value: string): { value: string } | { unresolved: string } {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf('${', i);
    if (start < 0) {
      out += value.slice(i);
      break;
    }
    const end = closingBrace(value, start + 2);
    if (end < 0) {
      out += value.slice(i);
      break;
    }
    const expression = value.slice(start + 2, end).trim();
    out += value.slice(i, start);
    if (POLICY_VARIABLE.test(expression)) {
      out += value.slice(start, end + 1);
    } else {
      const neutral = NEUTRAL_EXPRESSIONS.find(([pattern]) => pattern.test(expression));
      if (!neutral) return { unresolved: value.slice(start, end + 1) };
      out += neutral[1];
    }
    i = end + 1;
  }
  return { value: out };
}

/** Index of the `}` closing an expression that opened before `from`, or -1. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

class Unresolved extends Error {
  constructor(readonly expression: string) {
    super(expression);
  }
}

function resolveValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const result = substitute(value);
    if ('unresolved' in result) throw new Unresolved(result.unresolved);
    return result.value;
  }
  if (Array.isArray(value)) return value.map(resolveValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolveValue(inner)]));
  }
  return value;
}

function statementJson(statement: Statement): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (statement.sid !== null) json.Sid = statement.sid;
  json.Effect = statement.effect;
  if (statement.principal !== null && statement.principal !== undefined) json.Principal = statement.principal;
  if (statement.notPrincipal !== null && statement.notPrincipal !== undefined) json.NotPrincipal = statement.notPrincipal;
  if (statement.actions !== null) json.Action = statement.actions;
  if (statement.notActions !== null) json.NotAction = statement.notActions;
  if (statement.resources !== null) json.Resource = statement.resources;
  if (statement.notResources !== null) json.NotResource = statement.notResources;
  if (statement.condition !== null) json.Condition = statement.condition;
  return json;
}

/** The document as the analyzer should see it, or the Terraform expression that keeps it from being sent. */
export function analyzerText(document: PolicyDocument): AnalyzerText {
  const json: Record<string, unknown> = {};
  if (document.version !== null) json.Version = document.version;
  if (document.id !== null) json.Id = document.id;
  json.Statement = document.statements.map(statementJson);
  try {
    return { text: JSON.stringify(resolveValue(json)) };
  } catch (error) {
    if (error instanceof Unresolved) return { unresolved: error.expression };
    throw error;
  }
}
