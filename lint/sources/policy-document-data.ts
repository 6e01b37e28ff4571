/**
 * `data "aws_iam_policy_document"` blocks into the policy JSON Terraform would render, so they
 * go through the same parsePolicyDocument as every other document.
 *
 * A `dynamic "statement"` (or `dynamic "principals"` / `"condition"`) block repeats its `content`
 * for each element of a collection that configuration rarely shows. Its content is rendered once,
 * the iterator's values left as opaque `${...}` tokens: what every generated block has in common
 * (`resources = ["*"]`, literal actions) is then checked, where dropping the block would hide it.
 */
import { blocks, stringAttr } from './terraform-resource';

function list(value: unknown): unknown {
  // A whole list given as one `${var.x}` token stays one opaque value.
  if (Array.isArray(value) || typeof value === 'string') return value;
  return undefined;
}

/**
 * The `name` blocks of a body: those written out, then the content of each `dynamic "name"`
 * (hcl2json and Terraform JSON both give `dynamic: { name: [{ for_each, content }] }`).
 */
export function blocksOf(body: Record<string, unknown>, name: string): { written: Record<string, unknown>[]; generated: Record<string, unknown>[] } {
  const generated: Record<string, unknown>[] = [];
  for (const dynamic of blocks(body.dynamic)) {
    for (const generator of blocks(dynamic[name])) generated.push(...blocks(generator.content));
  }
  return { written: blocks(body[name]), generated };
}

function allBlocks(body: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const { written, generated } = blocksOf(body, name);
  return [...written, ...generated];
}

function principals(body: Record<string, unknown>, name: string): unknown {
  const out: Record<string, unknown> = {};
  for (const block of allBlocks(body, name)) {
    const type = stringAttr(block, 'type');
    const identifiers = list(block.identifiers);
    if (type === null || identifiers === undefined) continue;
    if (type === '*' && Array.isArray(identifiers) && identifiers.length === 1 && identifiers[0] === '*') return '*';
    out[type] = identifiers;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function conditions(body: Record<string, unknown>): unknown {
  const out: Record<string, Record<string, unknown>> = {};
  for (const block of allBlocks(body, 'condition')) {
    const test = stringAttr(block, 'test');
    const variable = stringAttr(block, 'variable');
    if (test === null || variable === null) continue;
    (out[test] ??= {})[variable] = list(block.values) ?? [];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The document a policy document data source renders (statement blocks, then dynamic ones -> Statement list). */
export function documentFromDataSource(body: Record<string, unknown>): Record<string, unknown> {
  const statements = allBlocks(body, 'statement').map((block) => {
    const statement: Record<string, unknown> = {
      Sid: stringAttr(block, 'sid') ?? undefined,
      // The data source defaults effect to Allow.
      Effect: block.effect ?? 'Allow',
      Action: list(block.actions),
      NotAction: list(block.not_actions),
      Resource: list(block.resources),
      NotResource: list(block.not_resources),
      Principal: principals(block, 'principals'),
      NotPrincipal: principals(block, 'not_principals'),
      Condition: conditions(block),
    };
    for (const key of Object.keys(statement)) if (statement[key] === undefined) delete statement[key];
    return statement;
  });
  const document: Record<string, unknown> = { Version: body.version ?? '2012-10-17' };
  if (typeof body.policy_id === 'string') document.Id = body.policy_id;
  document.Statement = statements;
  return document;
}
