/**
 * Terraform string templates, as both the linter's readers and the constructs in modules/ read them.
 * In a configuration string `$${` and `%%{` are escapes for a literal `${` and `%{` (how IAM policy
 * variables such as `${aws:username}` are written), and `${"..."}` is a literal written as an
 * interpolation; every other `${...}` is an interpolation only Terraform can evaluate. Planned values
 * in a plan are already evaluated: they carry no escapes.
 */

/** The account parts documents name before Terraform knows them. */
export type AccountPart = 'AccountId' | 'Partition' | 'Region';

/**
 * Longest value each part can take, to size documents before the values are known: account ids are
 * 12 digits; the longest partition is `aws-us-gov`; the longest region names in 2026
 * (`ap-southeast-7`, `us-isob-east-1`) are 14 characters, plus 2 of margin for new ones.
 */
export const WORST_CASE_LENGTH: Readonly<Record<AccountPart, number>> = { AccountId: 12, Partition: 10, Region: 16 };

/** Interpolations of the data sources that give the account, partition and region, under any name (each starts `${data.aws_`). */
export const ACCOUNT_INTERPOLATIONS: readonly (readonly [RegExp, AccountPart])[] = [
  [/\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}/g, 'AccountId'],
  [/\$\{data\.aws_partition\.[\w-]+\.partition\}/g, 'Partition'],
  [/\$\{data\.aws_region\.[\w-]+\.(?:name|region|id)\}/g, 'Region'],
];

// Escapes, and string literals written as interpolations (`${"$"}`, how a `$` is written just
// before an interpolation): pieces whose value is known from the text alone.
const LITERAL_PIECE = /(\$\$\{|%%\{|\$\{"[^"\\{}]*"\})/;

function literalValue(piece: string): string {
  if (piece === '$${') return '${';
  if (piece === '%%{') return '%{';
  return piece.slice(3, -2);
}

/**
 * The template's text with its literal pieces evaluated, and `rewrite` applied to the rest (where
 * the interpolations are). Splitting first means an escaped `$${data.x}` is never taken for one.
 */
export function mapTemplateText(text: string, rewrite: (piece: string) => string): string {
  if (!text.includes('{')) return rewrite(text);
  return text
    .split(LITERAL_PIECE)
    .map((piece, i) => (i % 2 === 0 ? rewrite(piece) : literalValue(piece)))
    .join('');
}

/** A configuration string as Terraform will render it, interpolations left as written. */
export function unescapeTemplate(text: string): string {
  return text.includes('{') ? mapTemplateText(text, (piece) => piece) : text;
}

/** Whether a configuration string has interpolations or directives (`${...}`, `%{...}`) beyond its escapes. */
export function hasTemplateSequences(text: string): boolean {
  let found = false;
  mapTemplateText(text, (piece) => {
    found ||= /[$%]\{/.test(piece);
    return piece;
  });
  return found;
}

// The project's own placeholders (policies/*.json): the constructs put the account's values there.
const PLACEHOLDER = /\$\{(AccountId|Partition|Region)\}/g;
const PLACEHOLDER_STARTS = ['${AccountId}', '${Partition}', '${Region}'];

/**
 * Evaluated text at its longest, for size quotas: interpolations of the account, partition and
 * region data sources, and the placeholders standing for them, become that many characters. Any
 * other `${...}` (a variable, a resource attribute) is counted as written: its value's length is
 * unknown to a reader of the configuration.
 */
export function atWorstCaseLength(text: string): string {
  // Most documents name none of these: finding each `${` is a native search, and a regular
  // expression runs only on text that has one of them.
  let accountParts = false;
  let placeholders = false;
  for (let at = text.indexOf('${'); at !== -1; at = text.indexOf('${', at + 2)) {
    if (text.startsWith('data.aws_', at + 2)) accountParts = true;
    else if (PLACEHOLDER_STARTS.some((start) => text.startsWith(start, at))) placeholders = true;
  }
  let out = text;
  if (accountParts) {
    for (const [pattern, part] of ACCOUNT_INTERPOLATIONS) out = out.replace(pattern, 'x'.repeat(WORST_CASE_LENGTH[part]));
  }
  if (placeholders) out = out.replace(PLACEHOLDER, (_, part: AccountPart) => 'x'.repeat(WORST_CASE_LENGTH[part]));
  return out;
}

/** `rewrite` applied to every string in a JSON value, object keys included (condition keys hold text too). */
export function mapStrings(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, rewrite));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [rewrite(key), mapStrings(item, rewrite)]));
  }
  return value;
}

/**
 * The expression inside a string that is exactly one interpolation (`${aws_iam_user.x.name}`),
 * or null for literals and templates mixing text and interpolations.
 */
export function wholeInterpolation(value: string): string | null {
  if (!value.startsWith('${') || !value.endsWith('}')) return null;
  // The first `${` must close at the very end: track braces, skipping quoted strings.
  let depth = 0;
  for (let i = 1; i < value.length; i++) {
    const c = value[i];
    if (c === '"') {
      for (i++; i < value.length && value[i] !== '"'; i++) if (value[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i === value.length - 1 ? value.slice(2, -1).trim() : null;
    }
  }
  return null;
}
