/**
 * `data "aws_iam_policy_document"` blocks into the policy JSON Terraform would render, so they
 * go through the same parsePolicyDocument as every other document.
 */
import { blocks, stringAttr } from './terraform-resource';

function list(value: unknown): unknown {
  // A whole list given as one `${var.x}` token stays one opaque value.
  if (Array.isArray(value) || typeof value === 'string') return value;
  return undefined;
}

function principals(value: unknown): unknown {
  const out: Record<string, unknown> = {};
  for (const block of blocks(value)) {
    const type = stringAttr(block, 'type');
    const identifiers = list(block.identifiers);
    if (type === null || identifiers === undefined) continue;
    if (type === '*' && Array.isArray(identifiers) && identifiers.length === 1 && identifiers[0] === '*') return '*';
    out[type] = identifiers;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function conditions(value: unknown): unknown {
  const out: Record<string, Record<string, unknown>> = {};
  for (const block of blocks(value)) {
    const test = stringAttr(block, 'test');
    const variable = stringAttr(block, 'variable');
    if (test === null || variable === null) continue;
    (out[test] ??= {})[variable] = list(block.values) ?? [];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The document a policy document data source renders (statement blocks -> Statement list). */
export function documentFromDataSource(body: Record<string, unknown>): Record<string, unknown> {
  const statements = blocks(body.statement).map((block) => {
    const statement: Record<string, unknown> = {
      Sid: stringAttr(block, 'sid') ?? undefined,
      // The data source defaults effect to Allow.
      Effect: block.effect ?? 'Allow',
      Action: list(block.actions),
      NotAction: list(block.not_actions),
      Resource: list(block.resources),
      NotResource: list(block.not_resources),
      Principal: principals(block.principals),
      NotPrincipal: principals(block.not_principals),
      Condition: conditions(block.condition),
    };
    for (const key of Object.keys(statement)) if (statement[key] === undefined) delete statement[key];
    return statement;
  });
  const document: Record<string, unknown> = { Version: body.version ?? '2012-10-17' };
  if (typeof body.policy_id === 'string') document.Id = body.policy_id;
  document.Statement = statements;
  return document;
}
