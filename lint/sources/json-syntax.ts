/**
 * Where JSON text first goes wrong. JSON.parse says so in words that change between Node releases
 * (Node 20 gives no position at all for "Unexpected token"), so the place is found by this small
 * validator instead, and the message is ours: the same on every Node version, which keeps reports
 * byte-identical. Only run after JSON.parse failed: speed does not matter here.
 */
export interface JsonSyntaxProblem {
  /** Offset in the text (UTF-16 code units) of the first character that cannot be there. */
  offset: number;
  message: string;
}

const WHITE = new Set([0x20, 0x09, 0x0a, 0x0d]);

function show(text: string, i: number): string {
  if (i >= text.length) return 'end of input';
  const c = text[i];
  if (c === '\u0000') return 'a NUL character';
  if (c === '"') return 'a double quote';
  return `"${c}"`;
}

export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const fail = (expected: string): never => {
    throw { offset: i, message: `expected ${expected}, found ${show(text, i)}` } satisfies JsonSyntaxProblem;
  };
  const skipWhite = (): void => {
    while (i < text.length && WHITE.has(text.charCodeAt(i))) i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`"${word}"`);
      i++;
    }
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('a closing quote');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('a closing quote before the end of the line (control characters must be escaped)');
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail('four hex digits after \\u');
            }
          }
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail('an escape such as \\" \\\\ \\n or \\u0041');
      } else i++;
    }
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (/[1-9]/.test(text[i] ?? '')) while (/[0-9]/.test(text[i] ?? '')) i++;
    else fail('a digit');
    if (text[i] === '.') {
      i++;
      if (!/[0-9]/.test(text[i] ?? '')) fail('a digit after the decimal point');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!/[0-9]/.test(text[i] ?? '')) fail('a digit in the exponent');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
  };
  // Iterative over containers so deeply nested input cannot overflow the stack.
  const stack: ('{' | '[')[] = [];
  const value = (): void => {
    skipWhite();
    const c = text[i];
    if (c === '{') {
      i++;
      skipWhite();
      if (text[i] === '}') {
        i++;
        return;
      }
      stack.push('{');
      member();
    } else if (c === '[') {
      i++;
      skipWhite();
      if (text[i] === ']') {
        i++;
        return;
      }
      stack.push('[');
      startValue();
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail('a value (object, array, string, number, true, false or null)');
  };
  // member/startValue only set up the next value; the loop below closes containers.
  let pendingValue = false;
  const member = (): void => {
    skipWhite();
    if (text[i] !== '"') fail('a double-quoted property name');
    string();
    skipWhite();
    if (text[i] !== ':') fail('":" after the property name');
    i++;
    pendingValue = true;
  };
  const startValue = (): void => {
    pendingValue = true;
  };
  try {
    value();
    for (;;) {
      if (pendingValue) {
        pendingValue = false;
        const depth = stack.length;
        value();
        if (stack.length > depth) continue; // a container opened: its first member is pending or done
      }
      if (stack.length === 0) break;
      skipWhite();
      const top = stack[stack.length - 1];
      if (text[i] === ',') {
        i++;
        if (top === '{') member();
        else startValue();
      } else if (text[i] === (top === '{' ? '}' : ']')) {
        i++;
        stack.pop();
      } else fail(top === '{' ? '"," or "}" after the property value' : '"," or "]" after the array element');
    }
    skipWhite();
    if (i < text.length) fail('the end of the JSON text');
    return null;
  } catch (problem) {
    return problem as JsonSyntaxProblem;
  }
}
