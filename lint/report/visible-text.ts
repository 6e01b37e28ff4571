/**
 * Text from the policies under review (Sids, actions, file names) made safe to print on a line.
 * A Sid holding a newline and `::error file=...::` would otherwise start a forged GitHub workflow
 * command in the CI log, and an escape sequence would repaint the reviewer's terminal. Control
 * characters are shown as `\n`, `\t`, `\u001b`: visible, and the line stays one line.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this file's job
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function visible(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
