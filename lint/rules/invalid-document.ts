/**
 * invalid-document: what IAM would reject or read differently from the author's intent: text that
 * is not JSON, a missing or wrong Version, a bad Effect, no Action or Resource, a malformed
 * Condition or an unknown condition operator, policy variables under Version 2008-10-17. The problems are found once, when the document is parsed into the model. A policy
 * whose value the readers cannot see (a variable, a resource attribute) is not judged at all.
 */
import { conditionOperatorProblem } from '../catalog/conditions';
import type { PolicyDocument, RawFinding, Statement } from '../model/types';
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
  // A document problem has no name but its text (written by lint/model, not by a catalog).
  subjects: { unparseable: 'unparseable', problem: 'problem: {{problem}}' },
  needsCatalog: false,
};

/** An IAM policy variable (`${aws:username}`, `${aws:PrincipalTag/team}`); Terraform's `${var.x}` has no colon. */
const POLICY_VARIABLE = /\$\{[a-z0-9.-]+:[^}\s]+\}/i;

/** Problems IAM finds that the model does not: unknown condition operators, variables under Version 2008-10-17. */
function moreProblems(document: PolicyDocument): { statement: Statement; message: string }[] {
  const out: { statement: Statement; message: string }[] = [];
  for (const statement of document.statements) {
    for (const operator of Object.keys(statement.condition ?? {})) {
      // An operator Terraform computes (`test = var.test`) is unknown here, not wrong.
      if (operator.includes('${')) continue;
      const problem = conditionOperatorProblem(operator);
      if (problem !== null) out.push({ statement, message: problem });
    }
    if (document.version !== '2008-10-17') continue;
    const values = [...(statement.resources ?? []), ...(statement.notResources ?? []), ...Object.values(statement.condition ?? {}).flatMap((keys) => Object.values(keys).flat())];
    const variable = values.map((v) => POLICY_VARIABLE.exec(v)?.[0]).find((v) => v !== undefined);
    if (variable !== undefined) {
      out.push({ statement, message: `Version 2008-10-17 does not substitute policy variables, so ${variable} is matched as written; set "Version": "2012-10-17"` });
    }
  }
  return out;
}

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
      for (const { statement, message } of moreProblems(policy.document)) {
        findings.push(report(meta, 'problem', { problem: message }, statementOrigin(policy, statement), statement.sid ?? statement.index));
      }
    }
    return findings;
  },
};
