/**
 * A JSON value as the Terraform text `${jsonencode(<HCL literal>)}`. cdktf's HCL printer breaks a
 * string attribute holding JSON text with interpolations (`"{" Version ":" ...`), but prints this
 * form as written, and Terraform JSON reads it alike: one text that both `cdktf synth` outputs apply.
 * The text is written out rather than built with cdktf's Fn.jsonencode, which warns on every IAM
 * variable (`${aws:username}`) and leaves quotes, backslashes and `%{` unescaped.
 */

/** `quote` turns each string (object keys too) into a quoted HCL string. */
export function jsonencodeExpression(value: unknown, quote: (text: string) => string): string {
  return `\${jsonencode(${hclLiteral(value, quote)})}`;
}

function hclLiteral(value: unknown, quote: (text: string) => string): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => hclLiteral(item, quote)).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${quote(key)} = ${hclLiteral(item, quote)}`).join(', ')}}`;
  }
  throw new Error(`jsonencodeExpression: a ${typeof value} is not a JSON value`);
}
