/**
 * Small steps for walking JSON text that JSON.parse already accepted, keeping count of lines and of
 * the white space outside strings (a policy's size is its length without that). Strings are jumped
 * with indexOf; what is left is a loop over the few characters between them, kept small so that it
 * is optimised early in a run.
 */
import { closingQuote } from '../model/json-string-end';

/** Line reached and white space seen so far; each step adds to them. */
export interface Tally {
  line: number;
  blanks: number;
}

/** Index of the first character at or after `from` that is not white space. */
export function skipBlanks(text: string, from: number, tally: Tally): number {
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c > 32) break;
    tally.blanks++;
    if (c === 10) tally.line++;
    i++;
  }
  return i;
}

/**
 * Walks an array or object to its end: `from` is just after its opening bracket; returns the index
 * just after its closing one (or the text's length).
 */
export function skipContainer(text: string, from: number, tally: Tally): number {
  let depth = 1;
  let line = 0;
  let blanks = 0;
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i++);
    if (c <= 32) {
      blanks++;
      if (c === 10) line++;
    } else if (c === 34 /* " */) {
      const close = closingQuote(text, i);
      if (close === -1) {
        i = n;
        break;
      }
      i = close + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if ((c === 125 /* } */ || c === 93) /* ] */ && --depth === 0) break;
  }
  tally.line += line;
  tally.blanks += blanks;
  return i;
}

/** Index just after the number, true, false or null that starts at `from` (always past `from`). */
export function skipLiteral(text: string, from: number): number {
  let i = from + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 44 /* , */ || c === 125 /* } */ || c === 93 /* ] */) break;
    i++;
  }
  return i;
}

/** Index just after the value (of any kind) that starts at `from`. */
export function skipValue(text: string, from: number, tally: Tally): number {
  const c = text.charCodeAt(from);
  if (c === 34 /* " */) {
    const close = closingQuote(text, from + 1);
    return close === -1 ? text.length : close + 1;
  }
  if (c === 123 /* { */ || c === 91 /* [ */) return skipContainer(text, from + 1, tally);
  return skipLiteral(text, from);
}

/** The key quoted from `from` to `close`, unescaped only when it has escapes (as written if they are broken). */
export function readKey(text: string, from: number, close: number): string {
  const raw = text.slice(from + 1, close);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(from, close + 1)) as string;
  } catch {
    return raw;
  }
}
