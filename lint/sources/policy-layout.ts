/**
 * Where a one-document policy file's statements start, and the file's compact length, in one walk
 * over the text. The general valueLines builds a JSON pointer for every value near the top; a
 * policy file only needs the Statement list, so this reads the document's keys and walks each other
 * value to its end. Text must be valid JSON.
 */
import { closingQuote } from '../model/json-string-end';
import { readKey, skipBlanks, skipValue, type Tally } from './json-scan';

export interface PolicyLayout {
  /** Line where the document starts. */
  line: number;
  /** Line of the Statement value (of the last one, as JSON.parse keeps the last of a repeated key). */
  statementLine: number | null;
  /** When that value is a list: the line of each element, by index. */
  elementLines: number[];
  /** Length of the text without white space outside strings (how IAM sizes a policy). */
  compactLength: number;
}

/** Lines of the elements of the list whose `[` is at `from`; returns the index after its `]`. */
function listElements(text: string, from: number, tally: Tally, lines: number[]): number {
  let i = skipBlanks(text, from + 1, tally);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 93 /* ] */) return i + 1;
    if (c === 44 /* , */) {
      i = skipBlanks(text, i + 1, tally);
      continue;
    }
    lines.push(tally.line);
    i = skipBlanks(text, skipValue(text, i, tally), tally);
  }
  return i;
}

export function policyLayout(text: string): PolicyLayout {
  const tally: Tally = { line: 1, blanks: 0 };
  let i = skipBlanks(text, 0, tally);
  const layout: PolicyLayout = { line: tally.line, statementLine: null, elementLines: [], compactLength: 0 };
  if (text.charCodeAt(i) !== 123 /* { */) i = skipValue(text, i, tally);
  else {
    i = skipBlanks(text, i + 1, tally);
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 125 /* } */) {
        i++;
        break;
      }
      if (c === 44 /* , */) {
        i = skipBlanks(text, i + 1, tally);
        continue;
      }
      // A member: "key" : value
      const close = closingQuote(text, i + 1);
      if (close === -1) break;
      const key = readKey(text, i, close);
      i = skipBlanks(text, close + 1, tally); // at the colon
      i = skipBlanks(text, i + 1, tally);
      if (key === 'Statement') {
        layout.statementLine = tally.line;
        layout.elementLines = [];
        i = text.charCodeAt(i) === 91 /* [ */ ? listElements(text, i, tally, layout.elementLines) : skipValue(text, i, tally);
      } else i = skipValue(text, i, tally);
      i = skipBlanks(text, i, tally);
    }
  }
  skipBlanks(text, i, tally);
  layout.compactLength = text.length - tally.blanks;
  return layout;
}
