/**
 * invalid-document: what IAM would reject or read differently from the author's intent: text that
 * is not JSON, a missing or wrong Version, a bad Effect, no Action or Resource, a malformed
 * Condition. The problems are found once, when the document is parsed into the model. A policy
 * whose value the readers cannot see (a variable, a resource attribute) is not judged at all.
 */
import type { RawFinding } from '../model/types';
import { statementOrigin } from './grants';
import { report, type Rule, type RuleMeta } from './rule';

const meta: RuleMeta = {
  id: 'invalid-document',
  defaultSeverity: 'error',
  description: 'Missing or wrong Version, bad Effect, no Action or Resource, malformed Condition',
  messages: {
    unparseable: 'the policy text cannot be read as a policy document: {{error}}',
    problem: '{{problem}}',
  },
  needsCatalog: false,
};

export const invalidDocument: Rule = {
  meta,
  check({ inventory }) {
    const findings: RawFinding[] = [];
    for (const policy of inventory.policies) {
      // AWS's documents are AWS's; a policy only Terraform can compute (unresolved) is not seen, so not judged.
      if (policy.kind === 'aws-managed' || policy.unresolved !== undefined) continue;
      if (policy.document === null) {
        findings.push(report(meta, 'unparseable', { error: policy.parseError ?? 'unknown error' }, policy.origin, null));
        continue;
      }
      const byIndex = new Map(policy.document.statements.map((s) => [s.index, s]));
      for (const problem of policy.document.problems) {
        const statement = problem.statement === null ? null : byIndex.get(problem.statement) ?? null;
        const id = statement?.sid ?? problem.statement;
        findings.push(report(meta, 'problem', { problem: problem.message }, statementOrigin(policy, statement), id));
      }
    }
    return findings;
  },
};
