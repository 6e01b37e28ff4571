/**
 * Policy text on its way to IAM through a Terraform string. Placeholders (`${AccountId}`,
 * `${Partition}`, `${Region}`, the example account) become the stack's values; every other `${` / `%{`
 * is IAM's and must be escaped, or Terraform would try to evaluate it. Also the way back, for readers
 * of synthesized Terraform, and the text at its longest, for size quotas.
 */
import type { AccountValues } from './account-context';

/** The account the tutorials use as an example; documents carrying it mean "the deploying account". */
export const EXAMPLE_ACCOUNT_ID = '123456789012';

type Placeholder = 'AccountId' | 'Partition' | 'Region';

/**
 * Longest value each placeholder can take, to size documents before the values are known:
 * account ids are 12 digits; the longest partition is `aws-us-gov`; the longest region names in 2026
 * (`ap-southeast-7`, `us-isob-east-1`) are 14 characters, plus 2 of margin for new ones.
 */
export const WORST_CASE_LENGTH: Record<Placeholder, number> = { AccountId: 12, Partition: 10, Region: 16 };

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

/**
 * A string for a Terraform attribute: placeholders become the stack's values (tokens), everything
 * else reaches IAM literally (`${aws:username}` is written `$${aws:username}`).
 */
export function toTerraformString(text: string, values: AccountValues): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    // A literal `$` just before an interpolation would make `$${`, Terraform's escape: write it as a string.
    const before = escapeTemplate(text.slice(last, match.index)).replace(/\$+$/, (run) => `\${"${run}"}`);
    out += before + valueFor(match[0], values);
    last = match.index + match[0].length;
  }
  return out + escapeTemplate(text.slice(last));
}

/** The text as IAM could see it at its longest, for size quotas. */
export function atWorstCaseLength(text: string): string {
  return text.replace(PLACEHOLDER, (match) => {
    const key: Placeholder = match === EXAMPLE_ACCOUNT_ID ? 'AccountId' : (match.slice(2, -1) as Placeholder);
    return 'x'.repeat(WORST_CASE_LENGTH[key]);
  });
}

/** Apply `rewrite` to every string in a JSON value (keys included: condition keys may hold placeholders). */
export function mapStrings(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, rewrite));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [rewrite(key), mapStrings(item, rewrite)]));
  }
  return value;
}

const INTERPOLATION: [RegExp, string][] = [
  [/\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}/g, '${AccountId}'],
  [/\$\{data\.aws_partition\.[\w-]+\.partition\}/g, '${Partition}'],
  [/\$\{data\.aws_region\.[\w-]+\.(name|region)\}/g, '${Region}'],
];

/**
 * The inverse of toTerraformString, for readers of synthesized Terraform (the linter): the text as IAM
 * will see it, with the account, partition and region back as placeholders. Size it with
 * atWorstCaseLength; compare it with a preset as written.
 */
export function fromTerraformString(text: string): string {
  // Split on escapes first so `$${Partition}` (a literal) is never taken for the placeholder.
  return text
    .split(/(\$\$\{|%%\{|\$\{"\$+"\})/)
    .map((piece, i) => {
      if (i % 2 === 0) return INTERPOLATION.reduce((t, [pattern, placeholder]) => t.replace(pattern, placeholder), piece);
      return piece === '$${' ? '${' : piece === '%%{' ? '%{' : piece.slice(3, -2);
    })
    .join('');
}
