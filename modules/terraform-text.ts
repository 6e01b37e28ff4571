/**
 * Policy text on its way to IAM through a Terraform string. Placeholders (`${AccountId}`,
 * `${Partition}`, `${Region}`, the example account) become the stack's values; every other `${` / `%{`
 * is IAM's and must be escaped, or Terraform would try to evaluate it. Also the way back, for readers
 * of synthesized Terraform, and the text at its longest, for size quotas.
 */
import {
  ACCOUNT_INTERPOLATIONS,
  mapTemplateText,
  WORST_CASE_LENGTH,
  type AccountPart,
} from '../lint/model/terraform-string';
import type { AccountValues } from './account-context';

export { mapStrings, WORST_CASE_LENGTH } from '../lint/model/terraform-string';

/** The account the tutorials use as an example; documents carrying it mean "the deploying account". */
export const EXAMPLE_ACCOUNT_ID = '123456789012';

// The example account only as a whole number: 1234567890123 is not it.
const PLACEHOLDER = /\$\{(AccountId|Partition|Region)\}|(?<!\d)123456789012(?!\d)/g;

function escapeTemplate(text: string): string {
  // Callbacks, because `$$` in a replacement string means one `$`.
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

function valueFor(match: string, values: AccountValues): string {
  if (match === EXAMPLE_ACCOUNT_ID || match === '${AccountId}') return values.accountId;
  return match === '${Partition}' ? values.partition : values.region;
}

function render(text: string, values: AccountValues, literal: (piece: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    // A literal `$` just before an interpolation would make `$${`, Terraform's escape: write it as a string.
    const before = literal(text.slice(last, match.index)).replace(/\$+$/, (run) => `\${"${run}"}`);
    out += before + valueFor(match[0], values);
    last = match.index + match[0].length;
  }
  return out + literal(text.slice(last));
}

/**
 * A string for a Terraform attribute: placeholders become the stack's values (tokens), everything
 * else reaches IAM literally (`${aws:username}` is written `$${aws:username}`).
 */
export function toTerraformString(text: string, values: AccountValues): string {
  return render(text, values, escapeTemplate);
}

// HCL's escapes in a quoted string; control characters as \uNNNN, which HCL and JSON both read.
function escapeQuoted(text: string): string {
  return text.replace(/[\\"\p{Cc}]/gu, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * The text as a quoted HCL string for inside an expression (`jsonencode({...})`): as
 * toTerraformString, with quotes, backslashes and control characters escaped too. `values` must be
 * interpolations written out (accountReferences), not cdktf tokens.
 */
export function toHclQuotedString(text: string, values: AccountValues): string {
  return `"${render(text, values, (piece) => escapeTemplate(escapeQuoted(piece)))}"`;
}

/** The text as IAM could see it at its longest, for size quotas. */
export function atWorstCaseLength(text: string): string {
  return text.replace(PLACEHOLDER, (match) => {
    const key: AccountPart = match === EXAMPLE_ACCOUNT_ID ? 'AccountId' : (match.slice(2, -1) as AccountPart);
    return 'x'.repeat(WORST_CASE_LENGTH[key]);
  });
}

/**
 * The inverse of toTerraformString, for readers of synthesized Terraform (the linter): the text as IAM
 * will see it, with the account, partition and region back as placeholders. Size it with
 * atWorstCaseLength; compare it with a preset as written.
 */
export function fromTerraformString(text: string): string {
  return mapTemplateText(text, (piece) => ACCOUNT_INTERPOLATIONS.reduce((t, [pattern, part]) => t.replace(pattern, `\${${part}}`), piece));
}
