import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineAndColumn } from './json-error-place';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('jsonErrorOffset', () => {
  it('points at the first character that breaks the text', () => {
    expect(jsonErrorOffset('{"findings": [}')).toBe(14);
    expect(jsonErrorOffset('{\n  "a": 1,\n  "b": tru\n}')).toBe(22);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": "unterminated')).toBe(19);
    expect(jsonErrorOffset('')).toBe(0);
  });

  it('agrees with JSON.parse on which texts are valid', () => {
    const jsonish = fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789-.eE tfrunlasx\\\n'.split('')), maxLength: 16 });
    fc.assert(fc.property(fc.oneof(fc.json(), jsonish), (text) => {
      expect(jsonErrorOffset(text) === null).toBe(parses(text));
    }), { numRuns: 1000 });
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('{\n  "b": tru\n}', 11)).toBe('line 2, column 10');
    expect(lineAndColumn('x', 0)).toBe('line 1, column 1');
  });
});
