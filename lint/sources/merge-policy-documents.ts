/**
 * How `data "aws_iam_policy_document"` merges documents, as the AWS provider does (checked against
 * terraform 1.11 with hashicorp/aws 5.100.0): start from `source_json` and each of
 * `source_policy_documents` in order, then the block's own statements, then `override_json` and
 * each of `override_policy_documents`. Merging a document appends its statements, except that a
 * statement with a Sid replaces, in place, the earlier statement of the same Sid.
 */

/** A statement as JSON, with the line it came from (null when unknown). */
export interface PlacedStatement {
  statement: unknown;
  line: number | null;
}

function sidOf(statement: unknown): string | null {
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) return null;
  const sid = (statement as Record<string, unknown>).Sid;
  return typeof sid === 'string' && sid !== '' ? sid : null;
}

/** Merge `from` into `into` (changed in place). */
export function mergeStatements(into: PlacedStatement[], from: readonly PlacedStatement[]): void {
  // Sid -> position; kept in step because replacing never moves a statement.
  const bySid = new Map<string, number>();
  into.forEach((placed, i) => {
    const sid = sidOf(placed.statement);
    if (sid !== null && !bySid.has(sid)) bySid.set(sid, i);
  });
  for (const placed of from) {
    const sid = sidOf(placed.statement);
    const at = sid === null ? undefined : bySid.get(sid);
    if (at !== undefined) {
      into[at] = placed;
      continue;
    }
    if (sid !== null) bySid.set(sid, into.length);
    into.push(placed);
  }
}

/** The statements of a policy document given as JSON: its Statement list, or its one Statement. */
export function statementsOf(document: unknown): unknown[] {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return [];
  const statement = (document as Record<string, unknown>).Statement;
  if (statement === undefined) return [];
  return Array.isArray(statement) ? statement : [statement];
}
