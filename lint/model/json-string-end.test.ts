import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closingQuote } from './json-string-end';

describe('closingQuote', () => {
  it('skips quotes escaped by an odd run of backslashes and stops at one after an even run', () => {
    const text = '"a\\"b\\\\" x';
    expect(closingQuote(text, 1)).toBe(text.indexOf('" x'));
  });

  it('returns -1 for an unterminated string', () => {
    expect(closingQuote('"abc\\"', 1)).toBe(-1);
  });

  it('finds the end of any string JSON.stringify writes, whatever follows it', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (content, after) => {
        const literal = JSON.stringify(content);
        expect(closingQuote(literal + after, 1)).toBe(literal.length - 1);
      }),
      { numRuns: 1000 },
    );
  });
});
