/**
 * Accept a lint finding on a construct, with a written reason, the way cdk-nag does: the reason is
 * required, travels with the construct as node metadata, and is printed at synth and carried into
 * the report, so an exception is visible rather than silent. A suppression covers the construct and
 * everything under it (suppress on the user construct, not on a generated attachment).
 */
import type { IConstruct } from 'constructs';

export interface LintSuppression {
  /** Rule id as reported (`admin-access`, `access-analyzer/PASS_ROLE_WITH_STAR_IN_RESOURCE`). */
  ruleId: string;
  /** Why the finding is accepted: who decided, and until when or under which condition. */
  reason: string;
}

export interface PlacedSuppression extends LintSuppression {
  /** Path of the construct the suppression was written on. */
  source: string;
}

export const SUPPRESSION_METADATA = 'iam-policy-lint/suppression';
/** Short reasons ("ok", "needed") explain nothing to the next reviewer; cdk-nag asks for 10 too. */
export const MIN_REASON_LENGTH = 10;

const RULE_ID = /^[a-z0-9-]+(\/[A-Za-z0-9_*-]+)?$/;

export function suppressLint(construct: IConstruct, suppressions: readonly LintSuppression[]): void {
  for (const { ruleId, reason } of suppressions) {
    if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) {
      throw new Error(`suppressLint(${construct.node.path}): "${String(ruleId)}" is not a rule id; use an id from docs/rules/ such as "admin-access"`);
    }
    const written = typeof reason === 'string' ? reason.trim() : '';
    if (written.length < MIN_REASON_LENGTH) {
      throw new Error(
        `suppressLint(${construct.node.path}): the suppression of ${ruleId} needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the grant is acceptable (found ${JSON.stringify(reason ?? '')})`,
      );
    }
    construct.node.addMetadata(SUPPRESSION_METADATA, { ruleId, reason: written });
  }
}

function isSuppression(data: unknown): data is LintSuppression {
  return typeof data === 'object' && data !== null && typeof (data as LintSuppression).ruleId === 'string' && typeof (data as LintSuppression).reason === 'string';
}

/** Suppressions written on this construct itself (not its scopes). */
export function suppressionsWrittenOn(construct: IConstruct): PlacedSuppression[] {
  return construct.node.metadata
    .filter((entry) => entry.type === SUPPRESSION_METADATA && isSuppression(entry.data))
    .map((entry) => ({ ...(entry.data as LintSuppression), source: construct.node.path }));
}

/** Suppressions that apply to a construct: its own and its scopes', nearest first. */
export function suppressionsFor(construct: IConstruct): PlacedSuppression[] {
  return [...construct.node.scopes].reverse().flatMap(suppressionsWrittenOn);
}
