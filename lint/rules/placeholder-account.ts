/**
 * placeholder-account: example account ids and placeholder text copied from documentation into
 * ARNs and principals. Such a grant either fails at apply or, worse, names someone else's account.
 * `${...}` interpolations and policy variables are opaque: an unknown value is never a placeholder.
 */
import { statementId } from '../model/parse-document';
import type { RawFinding, Statement } from '../model/types';
import { principalLabel, principalsByKey, statementOrigin } from './grants';
import { perDocument } from './per-document';
import { report, type Rule, type RuleMeta } from './rule';

/** Account ids used in AWS's documentation and in local emulators' defaults. */
export const EXAMPLE_ACCOUNT_IDS: ReadonlySet<string> = new Set([
  '123456789012',
  '111122223333',
  '444455556666',
  '777788889999',
  '000000000000',
]);

/**
 * Text that only a person filling in a template writes: `<bucket>`, `YOUR_BUCKET`, `REPLACE_ME`;
 * and the bucket names of AWS's own examples: `amzn-s3-demo-bucket` (AWS reserves the prefix) and
 * `DOC-EXAMPLE-BUCKET` (no real bucket name holds capitals).
 */
const PLACEHOLDER_TEXT = /<[^<>]+>|\bYOUR[_-]?[A-Z]|REPLACE[_-]?ME|CHANGE[_-]?ME|(?<=:::)amzn-s3-demo-[a-z0-9.-]*/i;
/** Upper case, as AWS wrote it: no bucket name holds capitals, while `doc-example-x` could be someone's. */
const OLD_EXAMPLE_BUCKET = /(?<=:::)DOC-EXAMPLE-[A-Z0-9.-]*/;

const meta: RuleMeta = {
  id: 'placeholder-account',
  defaultSeverity: 'error',
  description: 'Example account ids (123456789012) or placeholder text left in ARNs and principals',
  messages: {
    exampleAccount:
      '{{value}} names the example account {{account}} from the documentation. ' +
      'Use the real account id, or ${data.aws_caller_identity.current.account_id} in Terraform.',
    placeholderAccount:
      '{{value}} has "{{account}}" where the account id goes: a template placeholder. ' +
      'Put the real account id there, or ${data.aws_caller_identity.current.account_id} in Terraform.',
    placeholderText:
      '{{value}} still contains the placeholder "{{text}}". Replace it with the real name before applying.',
  },
  subjects: {
    exampleAccount: 'account {{account}} in {{value}}',
    placeholderAccount: 'account {{account}} in {{value}}',
    placeholderText: 'placeholder {{text}} in {{value}}',
  },
  needsCatalog: false,
};

type Problem = { messageId: string; data: Record<string, string> };

/** The account field of an ARN (`arn:partition:service:region:ACCOUNT:...`), or null when not an ARN. */
function accountOf(arn: string): string | null {
  let at = 0;
  for (let field = 0; field < 4; field++) {
    at = arn.indexOf(':', at) + 1;
    if (at === 0) return null;
  }
  const end = arn.indexOf(':', at);
  return end === -1 ? arn.slice(at) : arn.slice(at, end);
}

/** Cheap test before the expression: most values hold none of these words. */
function mayHoldPlaceholderText(text: string): boolean {
  const lower = text.toLowerCase();
  return lower.includes('<') || lower.includes('your') || lower.includes('replace') || lower.includes('change') || lower.includes('amzn-s3-demo-') || lower.includes('doc-example-');
}

/** The problem in one string value (ARN, account id or principal), or null. */
export function placeholderIn(value: string): Problem | null {
  const text = value.trim();
  if (EXAMPLE_ACCOUNT_IDS.has(text)) return { messageId: 'exampleAccount', data: { value: text, account: text } };
  const isArn = text.startsWith('arn:');
  if (isArn) {
    const account = accountOf(text) ?? '';
    if (!account.includes('${')) {
      if (EXAMPLE_ACCOUNT_IDS.has(account)) return { messageId: 'exampleAccount', data: { value: text, account } };
      // Digits and wildcards are real (or deliberately open); `aws` owns AWS managed resources.
      if (!/^[0-9*?]*$/.test(account) && account !== 'aws') {
        return { messageId: 'placeholderAccount', data: { value: text, account } };
      }
    }
  }
  if (!(isArn || text.startsWith('<')) || !mayHoldPlaceholderText(text)) return null;
  const withoutTokens = text.includes('${') ? text.replace(/\$\{[^}]*\}/g, '') : text;
  const placeholder = PLACEHOLDER_TEXT.exec(withoutTokens) ?? OLD_EXAMPLE_BUCKET.exec(withoutTokens);
  if (placeholder !== null && (isArn || /^<[^<>]+>$/.test(text))) {
    return { messageId: 'placeholderText', data: { value: text, text: placeholder[0] } };
  }
  return null;
}

/** Every string a statement names ARNs or accounts with: resources, principals, condition values. */
function statementValues(statement: Statement): string[] {
  const values: string[] = [...(statement.resources ?? []), ...(statement.notResources ?? [])];
  if (statement.principal !== null) stringsIn(statement.principal, values);
  if (statement.notPrincipal !== null) stringsIn(statement.notPrincipal, values);
  for (const keys of Object.values(statement.condition ?? {})) {
    // One at a time: a list of 130,000+ values spread as arguments would overflow the stack.
    for (const list of Object.values(keys)) for (const value of list) values.push(value);
  }
  return values;
}

function stringsIn(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsIn(item, into);
}

export const placeholderAccount: Rule = {
  meta,
  check({ inventory }) {
    const findings: RawFinding[] = [];
    const verdict = perDocument((document) => {
      const found: { statement: Statement; problem: Problem }[] = [];
      for (const statement of document.statements) {
        // Each value once per statement, in order.
        for (const value of new Set(statementValues(statement))) {
          const problem = placeholderIn(value);
          if (problem !== null) found.push({ statement, problem });
        }
      }
      return found;
    });
    for (const policy of inventory.policies) {
      // AWS's own documents are not a template anyone filled in.
      if (policy.document === null || policy.kind === 'aws-managed') continue;
      for (const { statement, problem } of verdict(policy.document)) {
        findings.push(report(meta, problem.messageId, problem.data, statementOrigin(policy, statement), statementId(statement)));
      }
    }
    const principals = principalsByKey(inventory);
    for (const attachment of inventory.attachments) {
      const problem = attachment.arn === null ? null : placeholderIn(attachment.arn);
      if (problem === null) continue;
      problem.data.value = `${problem.data.value} (attached to ${principalLabel(attachment.principal, principals)})`;
      findings.push(report(meta, problem.messageId, problem.data, attachment.origin, null));
    }
    return findings;
  },
};
