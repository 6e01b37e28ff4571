import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policySize } from './policy-size';

/** The definition, one character at a time: what the fast version must always agree with. */
function sizeByDefinition(text: string): number {
  let size = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      size++;
      if (c === '\\') {
        size++;
        i++;
      } else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      size++;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') size++;
  }
  return size;
}

// Strings made mostly of the characters that matter: quotes, backslashes and white space.
const tricky = fc.string({ unit: fc.constantFrom('"', '\\', ' ', '\n', '\r', '\t', 'a', '{', ':', 'é') });

describe('policySize', () => {
  it('does not count white space outside strings', () => {
    expect(policySize('{ "a" : "b c" ,\n\t"d": [1, 2] }\r\n')).toBe('{"a":"b c","d":[1,2]}'.length);
  });

  it('counts escapes as written, and a quote after an even run of backslashes closes the string', () => {
    expect(policySize('{"a": "x\\\\" , "b": "y\\" z"}')).toBe('{"a":"x\\\\","b":"y\\" z"}'.length);
  });

  it('agrees with the character-by-character definition on any text, JSON or not', () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string()), (text) => {
        expect(policySize(text)).toBe(sizeByDefinition(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the definition on JSON however it is laid out', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, 2, '\t', ' \r\n '), (value, indent) => {
        const text = JSON.stringify(value, null, indent) ?? '';
        expect(policySize(text)).toBe(sizeByDefinition(text));
      }),
      { numRuns: 500 },
    );
  });
});
